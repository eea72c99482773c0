// The audit pack: one ZIP (fflate, self-hosted from npm) with certificates/ (each file byte for byte),
// activities.csv, record.html, result.json, scenario.json (the export format) and record.json, which
// links each certificate to its activity so that importing the pack restores the record.
// The certificates are stored as they are (PDF, JPEG and HEIC are compressed already), read and
// written 1 MB at a time, so writing 150 MB never blocks the page for long.
import { pack as packScenario, unpack as unpackScenario } from "../calculator/saved-scenario.js";
import { activitiesCsv, certificatePath, nextTask, recordHtml } from "./pack-contents.js";

export const PACK_FORMAT = "recert-record";
export const PACK_VERSION = 1;
const CHUNK = 1 << 20;

export class AuditPackError extends Error {}

/** The ZIP library, loaded only when a pack is written or read (its URL comes from the page). */
export function zipLibrary(url) {
  return import(url);
}

const encoder = new TextEncoder();
const TEXT_STEP = 64 << 10;

/** Pushes `size` bytes into a ZIP entry `step` at a time, each in a task of its own: read(at, end) gives them. */
async function pushInSteps(entry, size, step, read, onPushed = () => {}) {
  for (let at = 0; at < size || at === 0; at += step) {
    const bytes = await read(at, Math.min(size, at + step));
    entry.push(bytes, at + step >= size);
    onPushed(bytes.length);
    await nextTask();
  }
}

/**
 * The pack as a Blob. `record` is the pack description of pack-contents.js whose certificates are
 * [{name, type, size, blob: () => Promise<Blob>}]; onProgress(done, total) follows the bytes written.
 */
export async function writeAuditPack(record, zipUrl, onProgress = () => {}) {
  const { Zip, ZipDeflate, ZipPassThrough } = await zipLibrary(zipUrl);
  const activities = record.activities.map(({ activity, certificates }, index) => ({
    activity,
    certificates: certificates.map((file, number) => ({ ...file, path: certificatePath(activity, index, file, number) })),
  }));
  const described = { ...record, activities };
  const manifest = {
    format: PACK_FORMAT, version: PACK_VERSION, written: record.written, scenario: "scenario.json",
    activities: activities.map(({ certificates }, index) => ({
      index, certificates: certificates.map(({ path, name, type, size }) => ({ file: path, name, type, size })),
    })),
  };
  const texts = [
    ["record.json", () => JSON.stringify(manifest, null, 2)],
    ["scenario.json", () => packScenario(record.scenario)],
    ["result.json", () => JSON.stringify(record.result, null, 2)],
    ["activities.csv", () => activitiesCsv(described)],
    ["record.html", () => recordHtml(described)],
  ];
  const files = activities.flatMap((entry) => entry.certificates);
  const total = files.reduce((sum, file) => sum + file.size, 0);
  let written = 0;

  const parts = [];
  let finish;
  const zipped = new Promise((resolve, reject) => { finish = { resolve, reject }; });
  const zip = new Zip((error, chunk, final) => {
    if (error) return finish.reject(error);
    parts.push(new Blob([chunk])); // a chunk at a time: the final Blob then copies nothing
    if (final) finish.resolve(new Blob(parts, { type: "application/zip" }));
  });
  for (const [name, make] of texts) {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    const bytes = encoder.encode(await make());
    await pushInSteps(entry, bytes.length, TEXT_STEP, (at, end) => bytes.subarray(at, end));
  }
  onProgress(0, total);
  for (const file of files) {
    const entry = new ZipPassThrough(file.path);
    zip.add(entry);
    const blob = await file.blob();
    if (!blob) throw new AuditPackError(`The certificate "${file.name}" is missing from this device's record.`);
    await pushInSteps(entry, blob.size, CHUNK, async (at, end) => new Uint8Array(await blob.slice(at, end).arrayBuffer()), (bytes) => {
      written += bytes;
      onProgress(written, total);
    });
  }
  zip.end();
  return zipped;
}

function text(files, name, what) {
  if (!files[name]) throw new AuditPackError(`${what} is not an audit pack from this calculator (it holds no ${name}).`);
  return new TextDecoder().decode(files[name]);
}

/** {scenario, certificates: per activity [{name, type, blob}]} from a pack; `what` names it in messages. */
export async function readAuditPack(file, zipUrl, what) {
  const { unzipSync } = await zipLibrary(zipUrl);
  let files;
  try {
    files = unzipSync(new Uint8Array(await file.arrayBuffer()));
  } catch {
    throw new AuditPackError(`${what} is not a ZIP file this calculator can read (it may be damaged).`);
  }
  let manifest;
  try {
    manifest = JSON.parse(text(files, "record.json", what));
  } catch (error) {
    if (error instanceof AuditPackError) throw error;
    throw new AuditPackError(`${what} is damaged: its record.json is not JSON.`);
  }
  if (manifest?.format !== PACK_FORMAT || !Number.isInteger(manifest.version)) {
    throw new AuditPackError(`${what} is not an audit pack from this calculator (its record.json says nothing of one).`);
  }
  if (manifest.version > PACK_VERSION) {
    throw new AuditPackError(`${what} was written by a newer version of this calculator (record format ${manifest.version}; this one reads ${PACK_VERSION}). Reload the page to update it.`);
  }
  const { scenario } = unpackScenario(text(files, manifest.scenario ?? "scenario.json", what), what); // an older pack's day: shown for today
  const missing = [];
  const certificates = (scenario.activities ?? []).map((_, index) => {
    const listed = manifest.activities?.find((entry) => entry.index === index)?.certificates ?? [];
    return listed.flatMap((entry) => {
      const bytes = files[entry.file];
      if (!bytes || (Number.isInteger(entry.size) && bytes.length !== entry.size)) {
        missing.push(entry.name ?? entry.file);
        return [];
      }
      return [{ name: String(entry.name ?? entry.file.split("/").pop()), type: String(entry.type ?? ""), blob: new Blob([bytes], { type: entry.type ?? "" }) }];
    });
  });
  return { scenario, certificates, missing };
}
