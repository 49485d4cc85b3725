// What the last build wrote: for each output file, the fingerprint of its
// inputs and the size and modification time it had on disk. A file is skipped
// without rendering only when all three still match, so a file edited or
// deleted by hand in dist/ is always rewritten.
//
// It also holds the digest of everything the last build was made from (code,
// templates, configuration, every paper file): when that is unchanged and
// every file is still exactly as written, the build has nothing to do, and
// says so without planning the site again.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { listTree } from "../util/list-tree.ts";

const MANIFEST_FORMAT = "paperboy-outputs-2";

/** A file's fingerprint ("" for files that have none), size and modification time. */
type Entry = [fingerprint: string, size: number, mtimeMs: number];

/** What the last complete build was made from, and what it made. */
export interface SiteRecord {
  digest: string;
  papers: number;
  days: number;
}

/** The record of the output folder's files, kept in the cache folder. */
export class OutputManifest {
  private entries = new Map<string, Entry>();
  /** How many files are recorded. */
  get size(): number {
    return this.entries.size;
  }

  /** Set after a complete build; cleared by any partial write. */
  site?: SiteRecord;

  private constructor(
    private readonly file: string,
    private readonly outDir: string,
  ) {}

  /** Loads the manifest for `outDir` from `cacheDir`; a missing, foreign or corrupt one starts empty. */
  static load(cacheDir: string, outDir: string, options: { fresh?: boolean } = {}): OutputManifest {
    // One manifest per output folder: the dev server's folder and dist/ must not share one.
    const outDirAbs = path.resolve(outDir);
    const file = path.join(cacheDir, `outputs-${createHash("sha1").update(outDirAbs).digest("hex").slice(0, 12)}.json`);
    const manifest = new OutputManifest(file, outDirAbs);
    // A fresh build starts with an empty record, which replaces the stored one when it is saved.
    if (options.fresh) return manifest;
    try {
      const stored = JSON.parse(readFileSync(file, "utf8")) as { format?: string; outDir?: string; entries?: Record<string, Entry>; site?: SiteRecord };
      if (stored.format === MANIFEST_FORMAT && stored.outDir === manifest.outDir && stored.entries) {
        manifest.entries = new Map(Object.entries(stored.entries));
        if (stored.site) manifest.site = stored.site;
      }
    } catch {
      // No usable manifest: every output is rendered and compared byte for byte.
    }
    return manifest;
  }

  /** Whether `target` is still exactly what was written for `fingerprint`. */
  isCurrent(file: string, fingerprint: string, target: string): boolean {
    const entry = this.entries.get(file);
    if (!entry || entry[0] === "" || entry[0] !== fingerprint) return false;
    // Synchronous: thousands of awaited stats would leave the build idle between them, waiting on the thread pool.
    const info = statSync(target, { throwIfNoEntry: false });
    return info !== undefined && info.isFile() && info.size === entry[1] && info.mtimeMs === entry[2];
  }

  /** Records the files just written or confirmed, with their fingerprints and what is now on disk. */
  async record(outDir: string, files: string[], fingerprints: Map<string, string | undefined>): Promise<void> {
    for (const file of files) {
      const info = statSync(path.join(outDir, file));
      this.entries.set(file, [fingerprints.get(file) ?? "", info.size, info.mtimeMs]);
    }
  }

  /** Forgets files that are no longer part of the site. */
  retain(files: Set<string>): void {
    for (const file of this.entries.keys()) if (!files.has(file)) this.entries.delete(file);
  }

  /**
   * Whether `outDir` holds exactly the recorded files, each with its recorded
   * size and modification time: nothing added, removed or touched since.
   */
  async untouched(): Promise<boolean> {
    const files = await listTree(this.outDir);
    if (files.length !== this.entries.size) return false;
    for (const file of files) {
      const entry = this.entries.get(file);
      if (!entry) return false;
      // Synchronous: ten thousand stat calls in a plain loop take a fraction of their promise-based cost.
      const info = statSync(path.join(this.outDir, file), { throwIfNoEntry: false });
      if (!info || info.size !== entry[1] || info.mtimeMs !== entry[2]) return false;
    }
    return true;
  }

  /** Writes the manifest atomically. */
  async save(): Promise<void> {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    const entries = Object.fromEntries([...this.entries.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
    writeFileSync(temp, JSON.stringify({ format: MANIFEST_FORMAT, outDir: this.outDir, ...(this.site ? { site: this.site } : {}), entries }));
    renameSync(temp, this.file);
  }
}
