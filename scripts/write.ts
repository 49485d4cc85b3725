// Output files → the output folder. The only code that writes the site.
//
// Changed files are first written to a staging folder beside the output folder
// (same file system), then each is renamed into place, which is atomic; stale
// files are removed last. Any failure before the renames (a full disk, a
// read-only folder) leaves the output folder exactly as it was. The renames are
// atomic one by one, not as a set, so the versions they replace (and the stale
// files) are first moved aside, and moved back if any rename fails (a read-only
// subfolder, no room for a new folder). Files whose bytes did not change are not
// touched, so their modification times stay.
import { randomBytes } from "node:crypto";
import { mkdir, readFile, readdir, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { byCodeUnit } from "./discover.ts";
import type { OutputFile } from "./types.ts";

/** What a write changed. */
export interface WriteReport {
  written: string[];
  unchanged: number;
  removed: string[];
}

/** Lists every file under `dir` as a relative path with forward slashes. */
export async function listTree(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true, recursive: true });
    return entries
      .filter((e) => e.isFile() || e.isSymbolicLink())
      .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
      .sort(byCodeUnit);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

function toBuffer(contents: string | Uint8Array): Buffer {
  return typeof contents === "string" ? Buffer.from(contents, "utf8") : Buffer.from(contents.buffer, contents.byteOffset, contents.byteLength);
}

async function isUnchanged(target: string, bytes: Buffer): Promise<boolean> {
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

/** A file-system error as a WriteError; anything else (a bug) passes through unchanged. */
function asWriteError(error: unknown, outDir: string): unknown {
  return (error as NodeJS.ErrnoException).code ? new WriteError(`could not write the site to ${outDir}: ${(error as Error).message}`, { cause: error }) : error;
}

/** Brings `outDir` to exactly `files`: writes what changed, removes what is gone. */
export async function writeOutput(outDir: string, files: readonly OutputFile[]): Promise<WriteReport> {
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.path)) throw new Error(`internal error: two outputs for ${file.path}, please report`);
    seen.add(file.path);
    if (path.posix.isAbsolute(file.path) || file.path.split("/").some((s) => s === ".." || s === "." || s === "")) {
      throw new Error(`internal error: output path "${file.path}" would leave the output folder, please report`);
    }
  }

  const existing = await listTree(outDir);
  const staging = path.join(path.dirname(path.resolve(outDir)), `.paperboy-staging-${randomBytes(6).toString("hex")}`);
  const changed: string[] = [];
  let unchanged = 0;
  try {
    await mkdir(staging, { recursive: true });
    const made = new Set<string>();
    for (const file of files) {
      const bytes = toBuffer(file.contents);
      if (existing.length > 0 && (await isUnchanged(path.join(outDir, file.path), bytes))) {
        unchanged++;
        continue;
      }
      const dir = path.posix.dirname(file.path);
      if (!made.has(dir)) {
        await mkdir(path.join(staging, dir), { recursive: true });
        made.add(dir);
      }
      await writeFile(path.join(staging, file.path), bytes);
      changed.push(file.path);
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw asWriteError(error, outDir);
  }

  const stale = existing.filter((p) => !seen.has(p));
  try {
    if (existing.length === 0) {
      await rm(outDir, { recursive: true, force: true });
      await mkdir(path.dirname(path.resolve(outDir)), { recursive: true });
      await rename(staging, outDir);
    } else {
      await replaceAll(outDir, staging, changed, stale, new Set(existing));
    }
  } catch (error) {
    throw asWriteError(error, outDir);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return { written: changed, unchanged, removed: stale };
}

/** Moves staged files into `outDir` and stale ones out, all or none: a failure part-way puts back what was moved. */
async function replaceAll(outDir: string, staging: string, changed: string[], stale: string[], existing: Set<string>): Promise<void> {
  const aside = `${staging}-previous`;
  const movedAside: string[] = [];
  const movedIn: string[] = [];
  try {
    for (const file of [...changed, ...stale]) {
      if (!existing.has(file)) continue;
      await mkdir(path.dirname(path.join(aside, file)), { recursive: true });
      await rename(path.join(outDir, file), path.join(aside, file));
      movedAside.push(file);
    }
    for (const file of changed) {
      await mkdir(path.dirname(path.join(outDir, file)), { recursive: true });
      await rename(path.join(staging, file), path.join(outDir, file));
      movedIn.push(file);
    }
  } catch (error) {
    for (const file of movedIn.reverse()) await rm(path.join(outDir, file), { force: true });
    for (const file of movedAside.reverse()) await rename(path.join(aside, file), path.join(outDir, file));
    await removeEmptyFolders(outDir, changed.filter((file) => !existing.has(file)));
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
