"""The runtime shipped to the browser: Pyodide, the rules' snapshot and wheel, the offline set."""
