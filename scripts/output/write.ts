// Planned outputs → the output folder. The only code that writes the site.
//
// Changed files are first written to a staging folder beside the output folder
// (same file system), then each is renamed into place, which is atomic; stale
// files are removed last. Any failure before the renames (a template error
// while rendering, a full disk, a read-only folder) leaves the output folder
// exactly as it was. The renames are atomic one by one, not as a set, so the
// versions they replace (and the stale files) are first moved aside, and moved
// back if any rename fails (a read-only subfolder, no room for a new folder).
// Files whose bytes did not change are not touched, so their modification
// times stay; files whose inputs did not change (same fingerprint, same size
// and time on disk as last written) are not even rendered.
import { existsSync, statSync } from "node:fs";
import { mkdir, readFile, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { listTreeSync } from "../util/list-tree.ts";
import { byCodeUnit } from "../util/order.ts";
import { planFile, type PlannedOutput } from "../render/outputs.ts";
import type { CollectionPacer } from "./collection-pacer.ts";
import type { OutputManifest, SiteRecord } from "./manifest.ts";
import { removeAbandonedStaging, stagingFolder } from "./staging.ts";
import type { OutputFile } from "../types.ts";

/** What a write changed. */
export interface WriteReport {
  written: string[];
  unchanged: number;
  /** How many unchanged files were not even rendered, thanks to their fingerprints. */
  skipped: number;
  removed: string[];
}

/** Writes left running while rendering goes on: enough to keep the disk busy, few enough to hold little memory. */
const MAX_WRITES_IN_FLIGHT = 32;

function toBuffer(contents: string | Uint8Array): Buffer {
  return typeof contents === "string" ? Buffer.from(contents, "utf8") : Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength);
}

async function sameBytes(target: string, bytes: Buffer): Promise<boolean> {
  try {
    const info = await stat(target);
    if (!info.isFile() || info.size !== bytes.length) return false;
    return (await readFile(target)).equals(bytes);
  } catch {
    return false;
  }
}

/** The file system refused a write (a full disk, no permission); the output folder was left as it was. */
export class WriteError extends Error {}

/** A file-system error as a WriteError; anything else (a bug, a template error) passes through unchanged. */
function asWriteError(error: unknown, outDir: string): unknown {
  return (error as NodeJS.ErrnoException).code ? new WriteError(`could not write the site to ${outDir}: ${(error as Error).message}`, { cause: error }) : error;
}

function checkPaths(outputs: readonly { path: string }[]): Set<string> {
  const seen = new Set<string>();
  for (const output of outputs) {
    if (seen.has(output.path)) throw new Error(`internal error: two outputs for ${output.path}, please report`);
    seen.add(output.path);
    if (path.posix.isAbsolute(output.path) || output.path.split("/").some((s) => s === ".." || s === "." || s === "")) {
      throw new Error(`internal error: output path "${output.path}" would leave the output folder, please report`);
    }
  }
  return seen;
}

/** How a write goes, besides what it writes. */
export interface WriteOptions {
  /** Bring only these outputs up to date and remove nothing (the dev server's fast rebuild). */
  partial?: boolean;
  /** What the site was made from, recorded with the manifest once the write succeeded (without it, the next build plans everything). */
  site?: SiteRecord;
  /** Save the manifest to disk after the write (default); a long-running session saves it later itself. */
  saveManifest?: boolean;
  /** Records more in the manifest (the plan's index) once the write succeeded, before it is saved. */
  record?: (manifest: OutputManifest) => void;
  /** Told every output about to be rendered, once, before any is (the search indexer starts its thread). */
  beforeRender?: (outputs: readonly PlannedOutput[]) => void;
  /** Keeps memory near the live set while gigabytes of page strings go by. */
  pacer?: CollectionPacer;
  /** Hears how many outputs of how many are done, for each one (a long build's progress line). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Brings `outDir` to exactly `outputs`: renders what may have changed, writes
 * what did change, removes what is gone. With a manifest, records what was
 * written so the next build can skip unchanged outputs without rendering them.
 */
export async function writeOutput(
  outDir: string,
  outputs: readonly (PlannedOutput | OutputFile)[],
  manifest?: OutputManifest,
  options: WriteOptions = {},
): Promise<WriteReport> {
  const planned = outputs.map((o) => ("render" in o ? o : planFile(o)));
  const seen = checkPaths(planned);
  const folder = statSync(outDir, { throwIfNoEntry: false });
  if (folder && !folder.isDirectory())
    throw new WriteError(`could not write the site to ${outDir}: it is a file, not a folder; remove it, or build elsewhere with --out <folder>`);
  // A partial write (the dev server's fast rebuild) brings only these outputs up to date and removes nothing.
  const existing = options.partial ? planned.map((o) => o.path).filter((file) => existsSync(path.join(outDir, file))) : listTreeSync(outDir);
  const existingSet = new Set(existing);
  // What killed builds left beside the output folder goes first; only folders of processes that no longer run.
  await removeAbandonedStaging(outDir);
  const staging = stagingFolder(outDir);
  const changed: string[] = [];
  const confirmed: string[] = [];
  let unchanged = 0;
  let skipped = 0;
  // Files are written while the next pages render: a few writes stay in flight, so the disk and the CPU work at once.
  const inFlight = new Set<Promise<void>>();
  let writeFailure: { error: unknown } | undefined;
  const startWrite = (write: Promise<unknown>) => {
    const tracked: Promise<void> = write.then(
      () => void inFlight.delete(tracked),
      (error: unknown) => {
        writeFailure ??= { error };
        inFlight.delete(tracked);
      },
    );
    inFlight.add(tracked);
  };
  try {
    await mkdir(staging, { recursive: true });
    const made = new Map<string, Promise<unknown>>();
    const current = new Set<PlannedOutput>();
    const toRender: PlannedOutput[] = [];
    for (const output of planned) {
      if (
        output.fingerprint !== undefined &&
        existingSet.has(output.path) &&
        manifest?.isCurrent(output.path, output.fingerprint, path.join(outDir, output.path))
      ) {
        current.add(output);
      } else {
        toRender.push(output);
      }
    }
    options.beforeRender?.(toRender);
    for (const [index, output] of planned.entries()) {
      options.onProgress?.(index, planned.length);
      const target = path.join(outDir, output.path);
      if (current.has(output)) {
        unchanged++;
        skipped++;
        continue;
      }
      const bytes = toBuffer(await output.render());
      options.pacer?.rendered(bytes.length);
      if (existingSet.has(output.path) && (await sameBytes(target, bytes))) {
        unchanged++;
        confirmed.push(output.path);
        continue;
      }
      const dir = path.posix.dirname(output.path);
      let folder = made.get(dir);
      if (!folder) {
        folder = mkdir(path.join(staging, dir), { recursive: true });
        made.set(dir, folder);
      }
      startWrite(folder.then(() => writeFile(path.join(staging, output.path), bytes)));
      changed.push(output.path);
      if (inFlight.size >= MAX_WRITES_IN_FLIGHT) await Promise.race(inFlight);
      if (writeFailure) throw writeFailure.error;
    }
    await Promise.all(inFlight);
    if (writeFailure) throw writeFailure.error;
    options.onProgress?.(planned.length, planned.length);
  } catch (error) {
    await Promise.all(inFlight);
    await rm(staging, { recursive: true, force: true });
    throw asWriteError(error, outDir);
  }

  const stale = options.partial ? [] : existing.filter((p) => !seen.has(p));
  try {
    if (!options.partial && existing.length === 0) {
      await rm(outDir, { recursive: true, force: true });
      await mkdir(path.dirname(path.resolve(outDir)), { recursive: true });
      await rename(staging, outDir);
    } else {
      await replaceAll(outDir, staging, changed, stale, existingSet);
    }
  } catch (error) {
    throw asWriteError(error, outDir);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }

  if (manifest) {
    const fingerprints = new Map(planned.map((o) => [o.path, o.fingerprint]));
    await manifest.record(outDir, [...changed, ...confirmed], fingerprints);
    if (!options.partial) manifest.retain(seen);
    manifest.site = options.site;
    options.record?.(manifest);
    if (options.saveManifest !== false) await manifest.save();
  }
  return { written: changed, unchanged, skipped, removed: stale };
}

/** Moves staged files into `outDir` and stale ones out, all or none: a failure part-way puts back what was moved. */
async function replaceAll(outDir: string, staging: string, changed: string[], stale: string[], existing: Set<string>): Promise<void> {
  const aside = `${staging}-previous`;
  const movedAside: string[] = [];
  const movedIn: string[] = [];
  const madeAside = new Set<string>();
  const madeOut = new Set<string>();
  const ensure = async (made: Set<string>, dir: string) => {
    if (made.has(dir)) return;
    await mkdir(dir, { recursive: true });
    made.add(dir);
  };
  try {
    for (const file of [...changed, ...stale]) {
      if (!existing.has(file)) continue;
      await ensure(madeAside, path.dirname(path.join(aside, file)));
      await rename(path.join(outDir, file), path.join(aside, file));
      movedAside.push(file);
    }
    for (const file of changed) {
      await ensure(madeOut, path.dirname(path.join(outDir, file)));
      await rename(path.join(staging, file), path.join(outDir, file));
      movedIn.push(file);
    }
  } catch (error) {
    for (const file of movedIn.reverse()) await rm(path.join(outDir, file), { force: true });
    for (const file of movedAside.reverse()) await rename(path.join(aside, file), path.join(outDir, file));
    await removeEmptyFolders(
      outDir,
      changed.filter((file) => !existing.has(file)),
    );
    await rm(aside, { recursive: true, force: true });
    throw error;
  }
  await rm(aside, { recursive: true, force: true });
  await removeEmptyFolders(outDir, stale);
}

/** Removes folders that held only stale files, deepest first. */
async function removeEmptyFolders(outDir: string, removed: string[]): Promise<void> {
  const folders = new Set<string>();
  for (const file of removed) {
    for (let dir = path.posix.dirname(file); dir !== "."; dir = path.posix.dirname(dir)) folders.add(dir);
  }
  for (const dir of [...folders].sort((a, b) => b.length - a.length || byCodeUnit(a, b))) {
    try {
      await rmdir(path.join(outDir, dir));
    } catch {
      // Not empty: it still holds current files.
    }
  }
}
