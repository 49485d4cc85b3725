// The staging folders a write uses beside the output folder, and the cleaning
// of those that killed builds left behind. Each is named after the process that
// made it, so a build removes exactly those whose process no longer runs: never
// the folder of a build still writing (another site whose output folder shares
// this parent, or a build of this one that holds another cache's lock).
import { randomBytes } from "node:crypto";
import { readdir, rm, stat } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { holderAlive } from "../util/process-lock.ts";

const PREFIX = ".paperboy-staging-";
const OWNED = /^\.paperboy-staging-(\d+)-[0-9a-f]+(?:-previous)?$/;
/** Named before staging folders carried their process: `.paperboy-staging-<12 hex>`. */
const UNOWNED = /^\.paperboy-staging-[0-9a-f]{12}(?:-previous)?$/;
/** An unowned folder this old is no write's any more: a build writes its staging folder in minutes at most. */
const UNOWNED_AFTER_MS = 60 * 60 * 1000;

/** A fresh staging folder for a write to `outDir`, beside it (the same file system, so renames are atomic). */
export function stagingFolder(outDir: string): string {
  return path.join(path.dirname(path.resolve(outDir)), `${PREFIX}${process.pid}-${randomBytes(6).toString("hex")}`);
}

/** Removes the staging folders beside `outDir` whose build no longer runs; returns their names. */
export async function removeAbandonedStaging(outDir: string, now = Date.now()): Promise<string[]> {
  const parent = path.dirname(path.resolve(outDir));
  let names: string[];
  try {
    names = (await readdir(parent)).filter((name) => name.startsWith(PREFIX));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const owner = OWNED.exec(name);
    let abandoned = false;
    if (owner) abandoned = Number(owner[1]) !== process.pid && !holderAlive({ pid: Number(owner[1]), host: hostname() });
    else if (UNOWNED.test(name))
      abandoned =
        now -
          (await stat(path.join(parent, name)).then(
            (info) => info.mtimeMs,
            () => now,
          )) >
        UNOWNED_AFTER_MS;
    if (!abandoned) continue;
    await rm(path.join(parent, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
