// A persistent cache of compiled papers, so a rebuild only compiles papers
// whose file changed. Entries are keyed by a hash of everything a paper is made
// from (its path, its text, the renderer's version), so a stale entry can never
// be found; a corrupt one is detected and recompiled, never trusted.
//
// Layout, under `.cache/paperboy/` (git-ignored):
//   papers.json        the index: validated metadata, the summary's opening and diagnostics of every paper
//   bodies/ab/<key>    each paper's rendered HTML and full plain text, read only when a
//                      page or the search index needs them, and checked against the hash
//                      the index holds for them
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { CODE_VERSION } from "../util/code-version.ts";
import type { Diagnostic, Paper, SourceFile } from "../types.ts";

/** Bumped whenever the shape of cached data changes. */
const CACHE_FORMAT = "paperboy-compile-cache-3";

/** What compiling one source gives: the paper when it is valid, and its problems. */
export interface CompiledEntry {
  key: string;
  /** The paper, when it is valid; its HTML and full text live in its body file. */
  paper?: Paper;
  diagnostics: Diagnostic[];
  /** sha256 of the paper's HTML, to check the body file against. */
  htmlHash?: string;
}

/** Whether a value read from the index has an entry's shape; one that does not means the index is damaged. */
function isEntry(value: unknown): value is CompiledEntry {
  if (typeof value !== "object" || value === null) return false;
  const entry = value as Partial<CompiledEntry>;
  const paper = entry.paper as Partial<Paper> | undefined;
  return (
    typeof entry.key === "string" &&
    /^[0-9a-f]{40}$/.test(entry.key) &&
    Array.isArray(entry.diagnostics) &&
    (paper === undefined ||
      (typeof paper === "object" &&
        paper !== null &&
        typeof paper.path === "string" &&
        typeof paper.id === "string" &&
        Array.isArray(paper.tags) &&
        typeof entry.htmlHash === "string"))
  );
}

/** The cache key of a source: changes when its path, its text or Paperboy's code changes. */
export function sourceKey(source: SourceFile): string {
  // Sources are never changed once read, and a build asks for a key more than once (the site digest, the cache, the compile).
  let key = sourceKeys.get(source);
  if (key === undefined) {
    key = createHash("sha256").update(`${CACHE_FORMAT}\0${CODE_VERSION}\0${source.path}\0${source.text}`).digest("hex").slice(0, 40);
    sourceKeys.set(source, key);
  }
  return key;
}
// A memo: a source is never changed once read, so its key never changes either.
const sourceKeys = new WeakMap<SourceFile, string>();

/** Hash of a rendered body, stored in the index to verify the body file. */
export function hashHtml(html: string): string {
  return createHash("sha256").update(html).digest("hex").slice(0, 32);
}

/** A body file's contents: the plain text's length, a colon, the text, then the HTML. */
export function packBody(body: { text: string; html: string }): string {
  return `${body.text.length}:${body.text}${body.html}`;
}

/** The text and HTML of a body file's contents. */
export function unpackBody(packed: string): { text: string; html: string } {
  const colon = packed.indexOf(":");
  const end = colon + 1 + Number(packed.slice(0, colon));
  return { text: packed.slice(colon + 1, end), html: packed.slice(end) };
}

/** Where a body lives in the cache folder. */
export function bodyPath(dir: string, key: string): string {
  return path.join(dir, "bodies", key.slice(0, 2), key);
}

/** Writes a body file (used by the worker threads too); atomic, so a crash never leaves half a body. */
export function writeBody(dir: string, key: string, html: string): void {
  const file = bodyPath(dir, key);
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temp, html);
    renameSync(temp, file);
  } catch (error) {
    // Something that is not a body file stands in the way (a folder where the body goes, a file
    // where its folder goes): the cache is ours, so it is cleared away and the write tried once more.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EISDIR" && code !== "ENOTDIR" && code !== "EEXIST" && code !== "ENOTEMPTY") throw error;
    rmSync(temp, { force: true });
    rmSync(file, { recursive: true, force: true });
    if (code === "ENOTDIR" || code === "EEXIST") rmSync(path.dirname(file), { recursive: true, force: true });
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temp, html);
    renameSync(temp, file);
  }
}

/** Thrown when a body file is missing or does not match its hash. */
export class CorruptEntryError extends Error {
  constructor(
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
}

/** Bodies kept in memory (characters): a few thousand, enough for the pages that share them to be rendered together. */
const MAX_BODY_CHARS = 24 * 1024 * 1024;

/** The compile cache of one build (or of the dev server's whole session). */
export class CompileCache {
  private readonly entries = new Map<string, CompiledEntry>();
  private readonly used = new Set<string>();
  private readonly bodies = new Map<string, string>();
  private bodyChars = 0;
  private dirty = false;
  /** Why the stored index was not used, when it was not (for `--verbose` and tests). */
  notice?: string;

  /** `dir` is undefined for a cache that lives in memory only (tests, `write: false` builds). */
  private constructor(readonly dir: string | undefined) {}

  /** A cache that keeps everything in memory and persists nothing. */
  static inMemory(): CompileCache {
    return new CompileCache(undefined);
  }

  /** Opens the cache in `dir`; `fresh` ignores (and later replaces) whatever is stored. */
  static async open(dir: string, options: { fresh?: boolean } = {}): Promise<CompileCache> {
    // A project folder the build may not write to (a read-only checkout) still builds, only without a cache.
    try {
      await mkdir(dir, { recursive: true });
      const probe = path.join(dir, `.probe-${process.pid}`);
      writeFileSync(probe, "");
      await rm(probe, { force: true });
    } catch (error) {
      const memory = CompileCache.inMemory();
      memory.notice = `the compile cache folder ${dir} cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); building without a cache`;
      return memory;
    }
    const cache = new CompileCache(dir);
    if (options.fresh) {
      await rm(dir, { recursive: true, force: true });
      cache.dirty = true;
      return cache;
    }
    let text: string;
    try {
      text = await readFile(path.join(dir, "papers.json"), "utf8");
    } catch (error) {
      cache.dirty = true;
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return cache;
      // Not a readable file (a folder, no permission): the cache is rebuilt rather than trusted.
      cache.notice = `compile cache index could not be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); rebuilding it`;
      await rm(dir, { recursive: true, force: true });
      return cache;
    }
    try {
      const stored = JSON.parse(text) as { format?: string; renderer?: string; entries?: unknown };
      if (stored.format !== CACHE_FORMAT || stored.renderer !== CODE_VERSION) {
        cache.notice = "compile cache is from another version of Paperboy; rebuilding it";
        await rm(dir, { recursive: true, force: true });
      } else if (!Array.isArray(stored.entries) || !stored.entries.every(isEntry)) {
        cache.notice = "compile cache index is corrupt; rebuilding it";
        await rm(dir, { recursive: true, force: true });
      } else {
        for (const entry of stored.entries) cache.entries.set(entry.key, entry);
      }
    } catch {
      cache.notice = "compile cache index is corrupt; rebuilding it";
      await rm(dir, { recursive: true, force: true });
    }
    cache.dirty = cache.notice !== undefined;
    return cache;
  }

  /** The cached result for `key`, if any; marks it as still in use. */
  get(key: string): CompiledEntry | undefined {
    const entry = this.entries.get(key);
    if (entry) this.used.add(key);
    return entry;
  }

  /** Records a freshly compiled entry; its body must already be written (`writeBody`) when valid. */
  put(entry: CompiledEntry, html?: string): void {
    this.entries.set(entry.key, entry);
    this.used.add(entry.key);
    this.dirty = true;
    if (html !== undefined) this.remember(entry.key, html);
  }

  /** Drops an entry whose body turned out to be corrupt, so the next build recompiles it. */
  forget(key: string): void {
    this.entries.delete(key);
    this.bodies.delete(key);
    this.dirty = true;
  }

  /** A paper's packed body (`packBody`), from memory or from its body file (checked against its hash). */
  body(key: string): string {
    const cached = this.bodies.get(key);
    if (cached !== undefined) {
      // Refresh its place in the least-recently-used order.
      this.bodies.delete(key);
      this.bodies.set(key, cached);
      return cached;
    }
    const entry = this.entries.get(key);
    if (this.dir === undefined) throw new CorruptEntryError(key, `body ${key} is not in memory`);
    let html: string;
    try {
      html = readFileSync(bodyPath(this.dir, key), "utf8");
    } catch {
      throw new CorruptEntryError(key, `body ${key} is missing from the compile cache`);
    }
    if (!entry?.htmlHash || hashHtml(html) !== entry.htmlHash) throw new CorruptEntryError(key, `body ${key} in the compile cache does not match its hash`);
    this.remember(key, html);
    return html;
  }

  private remember(key: string, html: string): void {
    this.bodies.set(key, html);
    this.bodyChars += html.length;
    // Bodies on disk can be read again; a memory-only cache must keep them all.
    while (this.dir !== undefined && this.bodyChars > MAX_BODY_CHARS) {
      const oldest = this.bodies.keys().next().value as string;
      this.bodyChars -= this.bodies.get(oldest)!.length;
      this.bodies.delete(oldest);
    }
  }

  /**
   * Writes the index of the entries this build used and deletes the bodies of
   * the others, so the cache holds the current digest and nothing more.
   */
  async save(): Promise<void> {
    const unused = [...this.entries.keys()].filter((key) => !this.used.has(key));
    for (const key of unused) {
      this.entries.delete(key);
      this.bodies.delete(key);
      if (this.dir !== undefined) await rm(bodyPath(this.dir, key), { force: true });
    }
    if (this.dir === undefined || (!this.dirty && unused.length === 0)) return;
    await mkdir(this.dir, { recursive: true });
    const entries = [...this.entries.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
    const file = path.join(this.dir, "papers.json");
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify({ format: CACHE_FORMAT, renderer: CODE_VERSION, entries }));
    renameSync(temp, file);
    this.dirty = false;
  }

  /** Starts a new build in a long-lived session (the dev server): usage is counted afresh. */
  beginBuild(): void {
    this.used.clear();
  }

  /** Removes the whole cache folder. */
  static clear(dir: string): void {
    rmSync(dir, { recursive: true, force: true });
  }
}
