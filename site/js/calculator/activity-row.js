// What an activity row adds to the scenario form's basics: the category choice, shown while a credential
// whose organization's data has categories is ticked, its first option naming the category the type
// counts in; and "More", opened when something folded in it is set.

const FOLDED = { topic: "", provider: "", approved: true, in_scope: true }; // the fields under "More", at their defaults

export function activityRows(form) {
  const groups = [...form.querySelectorAll("[data-organization][data-has-categories]")]; // found once: the form grows with rows

  /** The organizations with categories one of whose credentials is ticked. */
  function categorized() {
    return groups.filter((group) => group.querySelector("[name=credential]:checked"))
      .map((group) => group.dataset.organization);
  }

  let byType; // organization -> activity type -> its category: the same in every row
  function showCategory(row, organizations = categorized()) {
    const label = row.querySelector("[data-activity-category]");
    const select = label.querySelector("select");
    byType ??= JSON.parse(select.dataset.byType);
    const type = row.querySelector("[name=type]").value;
    const names = [...new Set(organizations.map((organization) => byType[organization][type]).filter(Boolean))];
    select.options[0].textContent = names.length ? `As its type: ${names.join(" or ")}` : "As its type";
    label.hidden = !organizations.length;
  }

  form.addEventListener("change", (event) => {
    if (event.target.name === "credential") {
      const organizations = categorized();
      for (const row of form.querySelectorAll("[data-activity]")) showCategory(row, organizations);
    } else if (event.target.name === "type") {
      showCategory(event.target.closest("[data-activity]"));
    }
  });

  return {
    categorized,
    /** Shows the row's category choice (its value is already on the row); opens "More" when a field folded
     * there is not at its default in `activity`. `organizations`: categorized(), read once for many rows. */
    fill(row, activity, organizations) {
      showCategory(row, organizations);
      row.querySelector("[data-activity-more]").open = Object.entries(FOLDED)
        .some(([name, value]) => name in activity && activity[name] !== value);
    },
  };
}
