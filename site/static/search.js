// The search page: Pagefind's UI, started with the query from the header form (?q=...).
// Without it (offline before search was ever used online: the service worker keeps the index only
// then), the page says that search needs the network once.
if (typeof PagefindUI === "undefined") {
  document.querySelector("[data-search-needs-network]").hidden = false;
} else {
  const search = new PagefindUI({ element: "#search", showSubResults: true, showImages: false });
  // Pagefind names its input with a title only; the page's own label (search.html) names it instead.
  document.querySelector("#search input").id = "search-query";
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) search.triggerSearch(query);
}
