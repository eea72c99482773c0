// The benchmark's baseline: the same self-hosted Pyodide, loaded on a bare page, runs 1+1.
// PYODIDE is replaced with the built site's Pyodide folder by bench/hosting.py.
import { loadPyodide } from "PYODIDE/pyodide.mjs";

const pyodide = await loadPyodide({ indexURL: "PYODIDE/" });
const value = pyodide.runPython("1+1");
window.baseline = { value, at: performance.now(), version: pyodide.version };
document.querySelector("[data-baseline]").textContent = `1+1 = ${value}`;
