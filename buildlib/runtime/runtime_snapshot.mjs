// Build step (run by buildlib/runtime/pyodide.py in Node): a Pyodide memory snapshot with the rules
// already imported and warmed up, and the trimmed standard library it was made with.
//
//   node buildlib/runtime/runtime_snapshot.mjs RULES.zip WARMUP.json EMPTY.zip OUT_DIR
//
// WARMUP.json is a list of scenario texts; EMPTY.zip, the empty zip the browser gives a restore as its
// standard library. Writes
// - OUT_DIR/stdlib.zip: the standard-library modules that start-up, the rules and every warm-up
//   evaluation imported, plus a few known lazy imports, compiled to .pyc (optimize=2: no docstrings
//   or asserts) in a stored (not deflated) zip. A normal start (the worker's fallback) works from it.
// - OUT_DIR/snapshot.bin: Python's memory after a start from that stdlib.zip, every one of its
//   modules imported (UNUSED_MODULES then dropped), the rules imported and every warm-up scenario
//   evaluated once (a snapshot taken before any evaluation leaves the first result in the browser
//   about 1.4 s slow).
//
// The snapshot must be restored with the same pyodide.asm.wasm. It has imported every module of
// stdlib.zip it needs, so it never reads that file again: the worker gives it an empty zip. Nor
// does it read the rules' files (not part of the snapshot: MEMFS is JavaScript memory), whose data
// the rules read while warming up. Both are checked below, by a restore in Node.
//
// The same inputs give the same bytes (so a deploy that changes no rule gives the snapshot the same
// address): string hashes use PYTHONHASHSEED=0, sys.executable names no folder of this machine, and
// while it runs, the clocks and the random source Python and Emscripten read are replaced by
// counters. (The browser reseeds Python's `random` after a restore; the hash seed stays 0, as it is
// for every visitor of a build anyway.)
import nodeCrypto from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(import.meta.url), "../../..");
const { loadPyodide } = await import(join(ROOT, "node_modules/pyodide/pyodide.mjs"));
const [rulesPath, warmupPath, emptyZip, outDir] = process.argv.slice(2);
const rules = new Uint8Array(readFileSync(rulesPath));
const warmups = JSON.parse(readFileSync(warmupPath, "utf8"));
const quiet = {
  stdout: () => {}, stderr: (line) => process.stderr.write(line + "\n"),
  env: { PYTHONHASHSEED: "0" }, _sysExecutable: "python",
};

let ticks = 0; // ms: every reading of a clock advances it by one
const EPOCH_MS = Date.UTC(2020, 0, 1);
Date.now = () => EPOCH_MS + ++ticks;
performance.now = () => ++ticks;
let seed = 0x2545f491;
nodeCrypto.randomFillSync = (view) => { // xorshift32: not random, only repeatable
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  for (let i = 0; i < bytes.length; i++) {
    seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
    bytes[i] = seed & 0xff;
  }
  return view;
};

// Imported lazily by the standard library on paths the warm-up may not take (error reports, dates).
const LAZY_IMPORTS = ["_strptime", "traceback", "linecache", "tokenize", "textwrap", "warnings", "weakref", "copy",
  "numbers", "locale", "calendar", "string"];

function unpackAndWarm(pyodide) {
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  pyodide.unpackArchive(rules, "zip", { extractDir: sitePackages });
  const calculator = pyodide.pyimport("calculator");
  calculator.version_info().destroy();
  const answers = warmups.map((text) => calculator.evaluate_json(text));
  calculator.destroy();
  pyodide.runPython(`
for name in ${JSON.stringify(LAZY_IMPORTS)}:
    try:
        __import__(name)
    except ImportError:
        pass
`);
  return answers;
}

const STDLIB_MODULES = `
import sys
stdlib = f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip"
needed = sorted({module.__file__[len(stdlib) + 1:] for module in list(sys.modules.values())
                 if (getattr(module, "__file__", None) or "").startswith(stdlib + "/")})
`;

// Column positions take more room in code objects than anything but the bytecode, and serve only
// tracebacks' ^^^ marks: the trimmed stdlib keeps line numbers and drops them.
const LINES_ONLY = `
def write_varint(out, value):
    while value >= 64:
        out.append(64 | (value & 63))
        value >>= 6
    out.append(value)


def lines_only(code):
    """code with a line table that keeps line numbers and drops column positions."""
    table, line = bytearray(), code.co_firstlineno
    for start, end, lineno in code.co_lines():
        units = (end - start) // 2
        while units > 0:
            length = min(units, 8)
            if lineno is None:
                table.append(0x80 | (15 << 3) | (length - 1))
            else:
                table.append(0x80 | (13 << 3) | (length - 1))
                delta = lineno - line
                write_varint(table, (-delta << 1) | 1 if delta < 0 else delta << 1)
                line = lineno
            units -= length
    consts = tuple(lines_only(c) if isinstance(c, type(code)) else c for c in code.co_consts)
    return code.replace(co_linetable=bytes(table), co_consts=consts)
`;

// Modules Pyodide's start-up imports that neither the rules nor a start from the snapshot use (no event
// loop runs, nothing is spawned, compressed or sent): left out of the snapshot, about 0.3 MB of it
// compressed. Step 3 below checks that the snapshot answers as before without them.
const UNUSED_MODULES = ["asyncio", "concurrent", "selectors", "socket", "ssl", "_ssl", "subprocess", "inspect", "dis",
  "bz2", "lzma", "compression", "tempfile", "base64", "typing", "annotationlib", "threading", "zipfile", "shutil",
  "sysconfig", "_sysconfigdata__emscripten_wasm32-emscripten"];

// Memory that Python freed keeps what it held (malloc does not clear it), about 0.1 MB of the
// compressed snapshot, more once UNUSED_MODULES are gone: every free block below the heap's end is allocated, zeroed and freed again.
function zeroFreeMemory(module) {
  const end = module._sbrk(0);
  const blocks = [];
  for (let size = 1 << 22; size >= 16;) {
    const block = module._malloc(size);
    if (block && block + size <= end) {
      module.HEAPU8.fill(0, block, block + size);
      blocks.push(block);
    } else {
      if (block) module._free(block);
      size >>= 1;
    }
  }
  for (const block of blocks) module._free(block);
}

// 1. A normal start from the full standard library: which of its files are needed?
const full = await loadPyodide({ ...quiet });
unpackAndWarm(full);
full.runPython(STDLIB_MODULES + LINES_ONLY + `
import importlib._bootstrap_external, zipfile
# Stored, not deflated: the server's brotli copy of the whole archive is smaller, and imports skip inflating.
with zipfile.ZipFile(stdlib) as source, zipfile.ZipFile("/tmp/stdlib.zip", "w", zipfile.ZIP_STORED) as target:
    for info in source.infolist():
        folder = info.filename.endswith("/") and any(name.startswith(info.filename) for name in needed)
        if info.filename in needed or folder:
            data, name = source.read(info.filename), info.filename
            if name.endswith(".py"):  # sourceless .pyc: no compiling at import, and less garbage in the snapshot
                code = lines_only(compile(data, name, "exec", dont_inherit=True, optimize=2))
                data, name = bytes(importlib._bootstrap_external._code_to_timestamp_pyc(code, 0, 0)), name + "c"
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = info.external_attr
            target.writestr(entry, data)
`);
const stdlib = full.FS.readFile("/tmp/stdlib.zip");
const stdlibPath = join(outDir, "stdlib.zip");
writeFileSync(stdlibPath, stdlib);

// 2. The snapshot, from a start on that trimmed library (which also proves it is enough).
const pyodide = await loadPyodide({ ...quiet, _makeSnapshot: true, stdLibURL: stdlibPath });
const answers = unpackAndWarm(pyodide);
const missing = pyodide.runPython(STDLIB_MODULES + `
with zipfile.ZipFile(stdlib) as archive:
    listed = {name.removesuffix("c") for name in archive.namelist() if name.endswith(".pyc")}
", ".join(sorted(listed - {name.removesuffix("c") for name in needed}))
`.replace("with zipfile", "import zipfile\nwith zipfile"));
if (missing) throw new Error(`the snapshot has not imported these modules of stdlib.zip: ${missing}`);
pyodide.runPython(`
import gc, sys
for name in [name for name in sys.modules if name.split(".")[0] in ${JSON.stringify(UNUSED_MODULES)}]:
    sys.modules.pop(name).__dict__.clear()  # emptied: what else refers to the module keeps nothing alive
gc.collect()
`);
zeroFreeMemory(pyodide._module);
const snapshot = pyodide.makeMemorySnapshot();
writeFileSync(join(outDir, "snapshot.bin"), snapshot);

// 3. The snapshot restored as the browser restores it (no stdlib, no rules' files) answers every
// warm-up scenario as it did before (UNUSED_MODULES were unused).
const restored = await loadPyodide({ ...quiet, stdLibURL: emptyZip, _loadSnapshot: snapshot });
restored.pyimport("random").seed(); // what site/js/recert-worker.js does next
const restoredCalculator = restored.pyimport("calculator");
restoredCalculator.version_info().toJs();
warmups.forEach((text, i) => {
  const answer = restoredCalculator.evaluate_json(text);
  if (answer !== answers[i]) throw new Error(`the restored snapshot answers ${text}\nwith ${answer}\nnot ${answers[i]}`);
});
