// The search page: Pagefind's UI, started with the query from the header form (?q=...).
const search = new PagefindUI({ element: "#search", showSubResults: true, showImages: false });
const query = new URLSearchParams(window.location.search).get("q");
if (query) search.triggerSearch(query);
