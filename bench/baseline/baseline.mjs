// The benchmark's baseline: the same self-hosted Pyodide, loaded on a bare page, runs 1+1.
import { loadPyodide } from "/pyodide/pyodide.mjs";

const pyodide = await loadPyodide({ indexURL: "/pyodide/" });
const value = pyodide.runPython("1+1");
window.baseline = { value, at: performance.now(), version: pyodide.version };
document.querySelector("[data-baseline]").textContent = `1+1 = ${value}`;
