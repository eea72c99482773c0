"""The .br and .gz copies next to files, which buildlib.serving.server sends when the browser accepts them (and
site/js/worker/downloads.js fetches the .gz copies of the two big files itself from a host that
compresses nothing). The copies of big files come from a cache: compressing them takes seconds.
"""

import gzip
import hashlib
import io
import os
import zipfile

# For these types, from this size (smaller files gain nothing worth a request's bytes).
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".bin", ".svg", ".zip"}
COMPRESS_FROM_BYTES = 1024
CACHE_FROM_BYTES = 256 * 1024


def write_copies(files, brotli_options, cache):
    """Writes the copies of each file in `files` ({url: path}) worth compressing; brotli_options(url):
    the brotli settings for it; cache: the folder that keeps big files' copies."""
    try:
        import brotli
    except ImportError:
        brotli = None  # the server then sends gzip only
    for url, path in files.items():
        if path.suffix not in COMPRESSIBLE or path.stat().st_size < COMPRESS_FROM_BYTES:
            continue
        data = path.read_bytes()
        if path.suffix == ".zip" and not is_stored_zip(data):
            continue  # already deflated: a copy would weigh the same
        encoders = {".gz": (lambda d: gzip.compress(d, 9, mtime=0), ".gz")}
        if brotli:
            options = brotli_options(url)
            encoders[".br"] = (lambda d, options=options: brotli.compress(d, **options),
                               ".br" + "".join(f"-{value}" for value in options.values()))
        for suffix, (encode, key) in encoders.items():
            path.with_name(path.name + suffix).write_bytes(compressed(data, key, encode, cache))


def is_stored_zip(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return all(entry.compress_type == zipfile.ZIP_STORED for entry in archive.infolist())


def compressed(data, key, encode, cache):
    """encode(data), from the cache (by the data's hash and `key`, the encoding and its options) for
    anything big enough to take noticeable time."""
    if len(data) < CACHE_FROM_BYTES:
        return encode(data)
    cached = cache / (hashlib.sha256(data).hexdigest()[:32] + key)
    if cached.is_file():
        os.utime(cached)  # last used: buildlib.runtime.pyodide.prune_cache keeps what was used lately
        return cached.read_bytes()
    result = encode(data)
    cached.parent.mkdir(parents=True, exist_ok=True)
    temporary = cached.with_name(cached.name + f".{os.getpid()}.tmp")
    temporary.write_bytes(result)
    os.replace(temporary, cached)
    return result
