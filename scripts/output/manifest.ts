// What the last build wrote: for each output file, the fingerprint of its
// inputs and the size and modification time it had on disk. A file is skipped
// without rendering only when all three still match, so a file edited or
// deleted by hand in dist/ is always rewritten.
//
// It also holds the digest of everything the last build was made from (code,
// templates, configuration, every paper file): when that is unchanged and
// every file is still exactly as written, the build has nothing to do, and
// says so without planning the site again. And it holds the plan's index:
// each paper file's cache key and place (day, id, tags…), and which plan keys
// show which papers, so a later build (a fresh process, or the dev server)
// that finds only papers edited in place plans and renders just their outputs.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { listTreeSync } from "../util/list-tree.ts";

const MANIFEST_FORMAT = "paperboy-outputs-3";

/** A file's fingerprint ("" for files that have none), size and modification time. */
type Entry = [fingerprint: string, size: number, mtimeMs: number];

/** What the last complete build was made from, and what it made. */
export interface SiteRecord {
  /** Everything the site is made from (`siteDigest`). */
  digest: string;
  /** Everything but the papers: code, templates, configuration, drafts or not. */
  frame: string;
  papers: number;
  days: number;
}

/** A paper file as the last build read it: its cache key, and a digest of what places it on the site. */
export type SourceRecord = [key: string, place: string];

/** One output of the plan, for the index: its plan key and the paths of the papers it shows. */
export interface PlanEntry {
  key?: string;
  sources?: ReadonlySet<string>;
}

/** The record of the output folder's files, kept in the cache folder. */
export class OutputManifest {
  private entries = new Map<string, Entry>();
  /** Every recorded file with its size: what the output folder weighs, without a stat of each file. */
  sizes(): Map<string, number> {
    return new Map([...this.entries].map(([file, entry]) => [file, entry[1]]));
  }

  /** How many files are recorded. */
  get size(): number {
    return this.entries.size;
  }

  /** Set after a build of the whole site (and kept up to date by partial builds). */
  site?: SiteRecord;
  /** Each paper file the last build read, by path. */
  private sources = new Map<string, SourceRecord>();
  /** The papers each plan key shows, as indices into `paths`. */
  private plan = new Map<string, number[]>();
  private paths: string[] = [];

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
      const stored = JSON.parse(readFileSync(file, "utf8")) as {
        format?: string;
        outDir?: string;
        entries?: Record<string, Entry>;
        site?: SiteRecord;
        sources?: Record<string, SourceRecord>;
        plan?: { paths: string[]; keys: Record<string, number[]> };
      };
      if (stored.format === MANIFEST_FORMAT && stored.outDir === manifest.outDir && stored.entries) {
        manifest.entries = new Map(Object.entries(stored.entries));
        if (stored.site && stored.sources && stored.plan) {
          manifest.site = stored.site;
          manifest.sources = new Map(Object.entries(stored.sources));
          manifest.paths = stored.plan.paths;
          manifest.plan = new Map(Object.entries(stored.plan.keys));
        }
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
    const files = listTreeSync(this.outDir);
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

  /** The paper file at `path` as the last build read it. */
  source(path: string): SourceRecord | undefined {
    return this.sources.get(path);
  }

  /** How many paper files the last build read. */
  get sourceCount(): number {
    return this.sources.size;
  }

  /** Records what a build of the whole site read and planned: every paper file, and what each plan key shows. */
  recordPlan(sources: Iterable<[path: string, record: SourceRecord]>, outputs: readonly PlanEntry[]): void {
    this.sources = new Map(sources);
    this.paths = [];
    this.plan = new Map();
    this.updatePlan([], outputs);
  }

  /** Records what a partial build re-read and planned again. */
  updatePlan(sources: Iterable<[path: string, record: SourceRecord]>, outputs: readonly PlanEntry[]): void {
    for (const [file, record] of sources) this.sources.set(file, record);
    const indexOf = new Map(this.paths.map((file, index) => [file, index]));
    for (const output of outputs) {
      if (!output.key) continue;
      const indices = [...(output.sources ?? [])].map((file) => {
        let index = indexOf.get(file);
        if (index === undefined) {
          indexOf.set(file, (index = this.paths.length));
          this.paths.push(file);
        }
        return index;
      });
      // Several files of one key (a feed set's) show the same papers.
      this.plan.set(
        output.key,
        [...new Set([...(this.plan.get(output.key) ?? []), ...indices])].sort((a, b) => a - b),
      );
    }
  }

  /** The plan keys of the outputs that show any of the papers at `files`. */
  keysShowing(files: Iterable<string>): Set<string> {
    const wanted = new Set<number>();
    const indexOf = new Map(this.paths.map((file, index) => [file, index]));
    for (const file of files) {
      const index = indexOf.get(file);
      if (index !== undefined) wanted.add(index);
    }
    const keys = new Set<string>();
    for (const [key, indices] of this.plan) if (indices.some((index) => wanted.has(index))) keys.add(key);
    return keys;
  }

  /** Writes the manifest atomically. */
  async save(): Promise<void> {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    const entries = Object.fromEntries([...this.entries.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
    const index = this.site
      ? {
          site: this.site,
          sources: Object.fromEntries([...this.sources.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
          plan: { paths: this.paths, keys: Object.fromEntries([...this.plan.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) },
        }
      : {};
    writeFileSync(temp, JSON.stringify({ format: MANIFEST_FORMAT, outDir: this.outDir, ...index, entries }));
    renameSync(temp, this.file);
  }
}
