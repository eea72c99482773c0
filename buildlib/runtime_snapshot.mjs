// Build step (run by buildlib/runtime.py in Node): a Pyodide memory snapshot with the rules
// already imported and warmed up, and the trimmed standard library it was made with.
//
//   node buildlib/runtime_snapshot.mjs RULES.zip WARMUP.json OUT_DIR
//
// WARMUP.json is a list of scenario texts. Writes OUT_DIR/stdlib.zip (only the standard-library
// modules that start-up, the rules and every warm-up evaluation imported, plus a few known lazy
// imports) and OUT_DIR/snapshot.bin (Python's memory after start-up from that stdlib.zip, the rules
// imported and every warm-up scenario evaluated once: a snapshot taken before any evaluation leaves
// the first result in the browser about 1.4 s slow).
//
// The snapshot must be restored with the same pyodide.asm.wasm and the same stdlib.zip (zipimport
// keeps the archive's directory in memory); the browser unpacks the rules again (files live in
// MEMFS, which is JavaScript memory, not part of the snapshot).
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(import.meta.url), "../..");
const { loadPyodide } = await import(join(ROOT, "node_modules/pyodide/pyodide.mjs"));
const [rulesPath, warmupPath, outDir] = process.argv.slice(2);
const rules = new Uint8Array(readFileSync(rulesPath));
const warmups = JSON.parse(readFileSync(warmupPath, "utf8"));
const quiet = { stdout: () => {}, stderr: (line) => process.stderr.write(line + "\n") };

function unpackAndWarm(pyodide) {
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  pyodide.unpackArchive(rules, "zip", { extractDir: sitePackages });
  const calculator = pyodide.pyimport("calculator");
  calculator.version_info().destroy();
  for (const text of warmups) calculator.evaluate_json(text);
  calculator.destroy();
}

// 1. A normal start from the full standard library: which of its files are needed?
const full = await loadPyodide({ ...quiet });
unpackAndWarm(full);
full.runPython(`
import sys, zipfile
# Imported lazily by the standard library on paths the warm-up may not take.
for name in ["_strptime", "traceback", "linecache", "tokenize", "textwrap", "warnings", "weakref", "copy",
             "decimal", "_pydecimal", "fractions", "numbers", "locale", "calendar", "string", "difflib", "pprint"]:
    try:
        __import__(name)
    except ImportError:
        pass
stdlib = f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip"
needed = set()
for module in list(sys.modules.values()):
    path = getattr(module, "__file__", None) or ""
    if path.startswith(stdlib + "/"):
        needed.add(path[len(stdlib) + 1:])
# Stored, not deflated: the server's brotli copy of the whole archive is smaller, and imports skip inflating.
with zipfile.ZipFile(stdlib) as source, zipfile.ZipFile("/tmp/stdlib.zip", "w", zipfile.ZIP_STORED) as target:
    for info in source.infolist():
        folder = info.filename.endswith("/") and any(name.startswith(info.filename) for name in needed)
        if info.filename in needed or folder:
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = info.external_attr
            target.writestr(entry, source.read(info.filename))
`);
const stdlib = full.FS.readFile("/tmp/stdlib.zip");
const stdlibPath = join(outDir, "stdlib.zip");
writeFileSync(stdlibPath, stdlib);

// 2. The snapshot, from a start on that trimmed library (which also proves it is enough).
const pyodide = await loadPyodide({ ...quiet, _makeSnapshot: true, stdLibURL: stdlibPath });
unpackAndWarm(pyodide);
pyodide.runPython("import gc; gc.collect()");
writeFileSync(join(outDir, "snapshot.bin"), pyodide.makeMemorySnapshot());
