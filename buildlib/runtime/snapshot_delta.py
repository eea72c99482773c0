"""The memory snapshot as the build ships it: the bytes that the wasm's own data segments already
hold are XORed away, and the pages left all zeros are not stored.

A Pyodide memory snapshot is a header and then the whole wasm memory. Its first ~3.8 MB are the
static data of libpython and friends, which pyodide.asm.wasm writes into memory anyway when it is
instantiated, and which Python changed only here and there: XORed with that initial memory they are
mostly zeros, and the compressed snapshot is about a third smaller. site/js/recert-worker.js XORs
them back with the memory of the freshly made instance, before Pyodide restores the snapshot.

Most of the memory is zeros (the XORed static data, the stack, the unused top), about 22 of 31 MB:
`sparse` stores only the other pages, so that the browser decompresses, keeps in Cache Storage and
reads back on a repeat visit a third of the bytes. Its layout, read by site/js/recert-worker.js:
MAGIC, the snapshot's length (u32), a bitmap of its PAGE-byte pages (bit i of byte i // 8: page i is
stored), then the stored pages in order (the last one possibly short).
"""

import struct

HEADER_OFFSET = struct.Struct("<I")  # the snapshot's second u32: where the memory starts
MAGIC = b"RSP1"
PAGE = 4096


def _leb128(data, i, signed=False):
    result = shift = 0
    while True:
        byte = data[i]
        i += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            if signed and byte & 0x40:
                result -= 1 << shift
            return result, i


def initial_memory(wasm):
    """The memory a fresh instance of `wasm` starts with, up to the end of its last data segment."""
    segments, i = [], 8
    while i < len(wasm):
        section, i = wasm[i], i + 1
        size, i = _leb128(wasm, i)
        if section == 11:  # data
            count, j = _leb128(wasm, i)
            for _ in range(count):
                flags, j = _leb128(wasm, j)
                if flags != 0 or wasm[j] != 0x41:  # active, memory 0, offset (i32.const N)
                    raise ValueError("pyodide.asm.wasm: a data segment that is not at a constant offset")
                offset, j = _leb128(wasm, j + 1, signed=True)
                j += 1  # end
                length, j = _leb128(wasm, j)
                segments.append((offset, wasm[j:j + length]))
                j += length
        i += size
    memory = bytearray(max(offset + len(data) for offset, data in segments))
    for offset, data in segments:
        memory[offset:offset + len(data)] = data
    return bytes(memory)


def encode(snapshot, wasm):
    """sparse(the snapshot with its first len(initial_memory(wasm)) memory bytes XORed with that memory)."""
    start = HEADER_OFFSET.unpack_from(snapshot, 4)[0]
    reference = initial_memory(wasm)
    end = start + len(reference)
    mixed = int.from_bytes(snapshot[start:end], "little") ^ int.from_bytes(reference, "little")
    return sparse(snapshot[:start] + mixed.to_bytes(len(reference), "little") + snapshot[end:])


def sparse(data):
    """data without its all-zero pages, in the layout described above."""
    pages = [data[at:at + PAGE] for at in range(0, len(data), PAGE)]
    bitmap = bytearray((len(pages) + 7) // 8)
    for index, page in enumerate(pages):
        if page.count(0) != len(page):
            bitmap[index // 8] |= 1 << (index % 8)
    stored = b"".join(page for index, page in enumerate(pages) if bitmap[index // 8] >> (index % 8) & 1)
    return MAGIC + struct.pack("<I", len(data)) + bytes(bitmap) + stored


def data_end(wasm):
    """How many memory bytes encode() XORs: the worker needs it."""
    return len(initial_memory(wasm))
