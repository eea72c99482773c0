// The script of the calculator's pages, /calculator/, /widget/ and /roster/: one file for all (buildlib/pages/bundle.py),
// so a visitor's browser and the offline copy hold their shared modules once. The page says which it is.
import { startCalculatorPage } from "./calculator-page.js";
import { startRosterPage } from "./roster-page.js";
import { startWidgetPage } from "./widget-page.js";

const root = document.querySelector("[data-calculator]");
if (root.dataset.calculator === "widget") startWidgetPage(root);
else if (root.dataset.calculator === "roster") startRosterPage(root);
else startCalculatorPage(root);
