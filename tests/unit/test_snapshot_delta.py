"""buildlib.runtime.snapshot_delta: the snapshot as the build ships it (site/js/recert-worker.js reverses it)."""
import struct

from buildlib.runtime import snapshot_delta
from buildlib.runtime.snapshot_delta import MAGIC, PAGE, sparse


def unsparse(stored):
    """What the worker's unsparse() does, in Python."""
    assert stored[:4] == MAGIC
    (length,) = struct.unpack_from("<I", stored, 4)
    pages = -(-length // PAGE)
    data, at = bytearray(length), 8 + -(-pages // 8)
    for page in range(pages):
        if stored[8 + page // 8] >> (page % 8) & 1:
            size = min(PAGE, length - page * PAGE)
            data[page * PAGE:page * PAGE + size] = stored[at:at + size]
            at += size
    assert at == len(stored)
    return bytes(data)


def test_sparse_leaves_out_the_pages_of_zeros_and_nothing_else():
    pages = [b"\0" * PAGE, b"a" * PAGE, b"\0" * PAGE, b"\0" * (PAGE - 1) + b"b", b"\0" * PAGE] * 3
    data = b"".join(pages) + b"tail"  # a last page shorter than the others
    stored = sparse(data)
    assert unsparse(stored) == data
    assert len(stored) == 8 + 2 + 6 * PAGE + len(b"tail")  # 16 pages: a 2-byte bitmap


def test_sparse_keeps_a_short_page_of_zeros_out_too():
    data = b"x" * PAGE + b"\0" * 10
    assert unsparse(sparse(data)) == data
    assert len(sparse(data)) == 8 + 1 + PAGE


def wasm_with_data(segments):
    """A minimal wasm module: its magic, version and a data section of active segments at constant offsets."""
    def leb(value):
        out = bytearray()
        while True:
            byte, value = value & 0x7F, value >> 7
            if value:
                out.append(byte | 0x80)
            else:
                out.append(byte)
                return bytes(out)
    body = leb(len(segments)) + b"".join(b"\0\x41" + leb(offset) + b"\x0b" + leb(len(data)) + data
                                         for offset, data in segments)
    return b"\0asm\1\0\0\0" + b"\x0b" + leb(len(body)) + body


def test_the_memory_the_wasm_writes_itself_is_xored_away():
    wasm = wasm_with_data([(16, b"static data"), (5000, b"more")])
    header = struct.pack("<II", 0, 24) + bytes(16)
    memory = bytearray(3 * PAGE)
    memory[16:27], memory[5000:5004] = b"static data", b"more"
    memory[20] = ord("!")  # Python changed one byte of it
    memory[9000:9005] = b"heap!"
    stored = snapshot_delta.encode(header + bytes(memory), wasm)
    decoded = bytearray(unsparse(stored))
    initial = snapshot_delta.initial_memory(wasm)
    assert len(initial) == snapshot_delta.data_end(wasm) == 5004
    changed = [i for i in range(len(initial)) if decoded[24 + i]]
    assert changed == [20]  # only the byte Python changed is left
    for i, byte in enumerate(initial):
        decoded[24 + i] ^= byte
    assert bytes(decoded) == header + bytes(memory)
