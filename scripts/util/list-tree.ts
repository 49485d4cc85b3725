// A folder → every file in it, as sorted relative paths. Used to compare an
// output folder with what a build plans, and to find templates and assets.
import { type Dirent, readdirSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { byCodeUnit } from "./order.ts";

/** Lists every file under `dir` (symbolic links included) as a relative path with forward slashes; a missing folder is empty. */
export async function listTree(dir: string): Promise<string[]> {
  try {
    return relativeFiles(dir, await readdir(dir, { withFileTypes: true, recursive: true }));
  } catch (error) {
    return emptyIfMissing(error);
  }
}

/**
 * `listTree`, synchronously: for the build's own folders (the output), where a
 * listing of ten thousand files in a plain loop takes a fraction of the
 * promise-based walk, which waits on the thread pool once per folder.
 */
export function listTreeSync(dir: string): string[] {
  try {
    return relativeFiles(dir, readdirSync(dir, { withFileTypes: true, recursive: true }));
  } catch (error) {
    return emptyIfMissing(error);
  }
}

function relativeFiles(dir: string, entries: readonly Dirent[]): string[] {
  return entries
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join("/"))
    .sort(byCodeUnit);
}

function emptyIfMissing(error: unknown): string[] {
  if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
  throw error;
}
