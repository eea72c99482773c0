// The script of the calculator's two pages, /calculator/ and /widget/: one file for both (buildlib/bundle.py),
// so a visitor's browser and the offline copy hold their shared modules once. The page says which it is.
import { startCalculatorPage } from "./calculator-page.js";
import { startWidgetPage } from "./widget-page.js";

const root = document.querySelector("[data-calculator]");
if (root.dataset.calculator === "widget") startWidgetPage(root);
else startCalculatorPage(root);
