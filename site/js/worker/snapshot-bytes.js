// The snapshot as the build ships it (buildlib/runtime/snapshot_delta.py), made whole again (bundled into
// /js/recert-worker.js by the build).
const SPARSE_MAGIC = 0x31505352; // "RSP1"
const PAGE = 4096;

/** The snapshot's bytes from its sparse form (buildlib/runtime/snapshot_delta.py: the all-zero pages left out). */
export function unsparse(stored) {
  const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
  if (view.getUint32(0, true) !== SPARSE_MAGIC) throw new Error("the snapshot file is not in the expected form");
  const length = view.getUint32(4, true);
  const pages = Math.ceil(length / PAGE);
  const snapshot = new Uint8Array(length);
  let from = 8 + Math.ceil(pages / 8);
  for (let page = 0; page < pages; page++) {
    if (!(stored[8 + (page >> 3)] & (1 << (page & 7)))) continue;
    const size = Math.min(PAGE, length - page * PAGE);
    snapshot.set(stored.subarray(from, from + size), page * PAGE);
    from += size;
  }
  return snapshot;
}

/** XORs the first xorLength memory bytes of the snapshot with those of a fresh instance's memory. */
export function decodeSnapshot(snapshot, memory, xorLength) {
  const start = new DataView(snapshot.buffer, snapshot.byteOffset).getUint32(4, true);
  const words = Math.floor(xorLength / 4);
  const target = new Uint32Array(snapshot.buffer, snapshot.byteOffset + start, words);
  const source = new Uint32Array(memory.buffer, 0, words);
  for (let i = 0; i < words; i++) target[i] ^= source[i];
  for (let i = words * 4; i < xorLength; i++) snapshot[start + i] ^= memory[i];
}
