// Options → result. The only module that orders the stages:
// load → validate → render Markdown → model → plan outputs → render → write.
// Every content and template problem is collected before the first byte is
// written to the output folder, so a failed build leaves it as it was.
//
// Rebuilds are incremental by design, not by special case: papers come from
// the render cache when their file is unchanged (keyed by content hash and
// renderer version), Markdown for the rest is rendered on worker threads, and
// outputs whose fingerprint and file on disk are unchanged are not rendered.
import { createHash } from "node:crypto";
import path from "node:path";
import { loadConfig } from "../content/config.ts";
import { discoverPapers, readPaperFile, type PaperSource } from "../content/discover.ts";
import { byCodeUnit } from "../util/order.ts";
import { renderAllFeeds } from "../render/feeds.ts";
import { OutputManifest } from "../output/manifest.ts";
import { pageOutputs, planPages } from "../render/pages.ts";
import { CorruptEntryError, RenderCache, sourceKey, unpackBody, type CompiledEntry } from "../content/compile-cache.ts";
import { compileSources } from "../content/compile-pool.ts";
import { buildSiteModel, findDuplicates, type SiteModel } from "../site/model.ts";
import { renderSearchIndex, stopSearchIndexer } from "../render/search-index.ts";
import { katexAssets, minisearchAssets, renderPagesFiles, renderRobots, renderSitemap } from "../render/static-files.ts";
import { loadTemplates, templateLayers, type TemplateSet } from "../render/templates.ts";
import { parseFrontMatter } from "../content/front-matter.ts";
import { baseCitationKey } from "../render/bibtex.ts";
import { refreshDerived, trackDependencies } from "../render/fingerprint.ts";
import { identify, validatePaper } from "../content/paper-schema.ts";
import type { Diagnostic, OutputFile, Paper, PaperIdentity, RenderedBody, SiteConfig } from "../types.ts";
import { writeOutput, type WriteReport } from "../output/write.ts";
import { planFile, RenderError, type PlannedOutput } from "../render/outputs.ts";
import { CODE_VERSION } from "../util/code-version.ts";
import { acquireLock, type HeldLock, type LockHolder } from "../util/process-lock.ts";


/** What to build and where. */
export interface BuildOptions {
  /** Project root holding paperboy.config.yaml, content/ and templates/. */
  root: string;
  /** Output folder; default `<root>/dist`. */
  outDir?: string;
  /** The site's own templates, which replace the theme's files of the same name; default `<root>/templates`. */
  templatesDir?: string;
  /** The theme the site's templates override; default Paperboy's own (`scripts/theme/`). */
  themeDir?: string;
  /** Include papers marked `draft: true` (the dev server does). */
  drafts?: boolean;
  /** Environment, for `SITE_URL`; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Write to the output folder (default); `false` only returns the files, rendered in memory. */
  write?: boolean;
  /**
   * Render cache folder: default `<root>/.cache/paperboy` when writing, none
   * (memory only) when not; `false` to keep it in memory.
   */
  cacheDir?: string | false;
  /** Ignore the render cache and the record of written files: a clean build. */
  fresh?: boolean;
  /** Worker threads for Markdown; default: one per core. */
  threads?: number;
  /** A render cache kept across builds by a long-running process (the dev server). */
  cache?: RenderCache;
  /** Keep what was planned, so a session can rebuild edited papers in place (the dev server). */
  keepPlan?: boolean;
  /** Told once when another build holds the render cache's lock, and this one waits for it to finish. */
  onLockWait?: (holder: LockHolder, file: string) => void;
}

/** How long each stage took, in milliseconds, and how much was reused. */
export interface BuildStats {
  papers: number;
  compiled: number;
  fromCache: number;
  timings: Record<string, number>;
}

/** The outcome of a build. `files` is present for `write: false` builds that succeeded. */
export interface BuildResult {
  diagnostics: Diagnostic[];
  files?: OutputFile[];
  report?: WriteReport;
  model?: SiteModel;
  stats?: BuildStats;
  /** How many papers and days the site has. */
  counts?: { papers: number; days: number };
  /** Set when the render cache had to be discarded. */
  notice?: string;
}

/** The default render cache folder of a project. */
export function defaultCacheDir(root: string): string {
  return path.join(root, ".cache", "paperboy");
}

/**
 * Takes the lock of a render cache folder, so one build or check at a time uses
 * it and the output folder it records: two at once would rewrite each other's
 * cache index and staging folders. The lock sits beside the folder
 * (`.cache/paperboy.lock`), because a fresh build deletes the folder itself.
 */
export function lockCache(cacheDir: string, onWait?: (holder: LockHolder, file: string) => void): Promise<HeldLock> {
  return acquireLock(path.dirname(cacheDir), { name: `${path.basename(cacheDir)}.lock`, ...(onWait ? { onWait } : {}) });
}

/**
 * A paper whose body HTML is read from the cache only when a page needs it.
 * A body file that went missing or was damaged raises CorruptEntryError; the
 * build then forgets that entry and runs again, so it is rendered afresh
 * rather than trusted.
 */
function lazyPaper(entry: CompiledEntry, cache: RenderCache): Paper {
  const { lead, ...stored } = entry.paper!;
  const body: RenderedBody = {
    lead,
    get html() {
      return unpackBody(cache.body(entry.key)).html;
    },
    get text() {
      return unpackBody(cache.body(entry.key)).text;
    },
  };
  return { ...stored, body };
}

/** Loads, validates and renders every paper, reusing the render cache; `check` runs exactly this. */
export async function loadPapers(
  root: string,
  options: { drafts?: boolean; cache?: RenderCache; threads?: number; sources?: PaperSource[] } = {},
): Promise<{ papers: Paper[]; diagnostics: Diagnostic[]; stats: Omit<BuildStats, "timings"> }> {
  const cache = options.cache ?? RenderCache.inMemory();
  const discovered = options.sources ? { sources: options.sources, diagnostics: [] } : await discoverPapers(root);
  const { sources } = discovered;
  const diagnostics = [...discovered.diagnostics];

  const entries: (CompiledEntry | undefined)[] = sources.map((source) => cache.get(sourceKey(source)));
  const missing = sources.map((_, i) => i).filter((i) => entries[i] === undefined);
  const compiled = await compileSources(missing.map((i) => sources[i]!), cache.dir, options.threads !== undefined ? { threads: options.threads } : {});
  compiled.forEach((result, n) => {
    cache.put(result.entry, result.html);
    entries[missing[n]!] = result.entry;
  });

  const papers: Paper[] = [];
  for (const entry of entries as CompiledEntry[]) {
    diagnostics.push(...entry.diagnostics);
    if (entry.paper) papers.push(lazyPaper(entry, cache));
  }
  diagnostics.push(...findDuplicates(papers));
  return {
    papers: options.drafts ? papers : papers.filter((p) => !p.draft),
    diagnostics,
    stats: { papers: papers.length, compiled: missing.length, fromCache: sources.length - missing.length },
  };
}

/**
 * Every paper's identity, drafts included, without rendering any Markdown: what
 * `check <files>` and `new` compare against to find a paper entered twice.
 * Files with problems in their front matter are left out, as the build leaves
 * them out. `only` skips files before parsing them (a cheap text test).
 */
export async function loadIdentities(root: string, only: (source: PaperSource) => boolean = () => true): Promise<PaperIdentity[]> {
  const { sources } = await discoverPapers(root);
  const identities: PaperIdentity[] = [];
  for (const source of sources) {
    if (!only(source)) continue;
    const identity = identifySource(source);
    if (identity) identities.push(identity);
  }
  return identities;
}

/** A source's identity (path, id, arXiv id, DOI), read from its front matter alone; none when that has problems. */
export function identifySource(source: PaperSource): PaperIdentity | undefined {
  const { entry } = parseFrontMatter(source);
  const meta = entry && validatePaper(entry).meta;
  return entry && meta ? identify(entry, meta) : undefined;
}

/** Every output of the site, planned: pages and feeds fingerprinted, small files ready. */
export async function planSite(model: SiteModel, templates: TemplateSet): Promise<PlannedOutput[]> {
  const plans = planPages(model);
  const files: OutputFile[] = [
    renderSitemap(model.config, plans),
    renderRobots(model.config),
    ...renderPagesFiles(model.config),
    ...templates.assets,
    ...(await katexAssets()),
    ...(await minisearchAssets()),
  ];
  return [...pageOutputs(plans, templates), ...renderAllFeeds(model), ...renderSearchIndex(model), ...files.map(planFile)];
}

/**
 * A build that can run again: the dev server keeps one for its whole life, so
 * a rebuild reuses the render cache, the compiled templates and the papers it
 * has read, and re-reads only what its file watcher reports as changed.
 */
export class BuildSession {
  private readonly root: string;
  private readonly outDir: string;
  private readonly templatesDir: string;
  private readonly cacheDir: string | undefined;
  private cache?: RenderCache;
  private manifest?: OutputManifest;
  private templates?: Awaited<ReturnType<typeof loadTemplates>>;
  private sources?: Map<string, PaperSource>;
  private layoutDiagnostics: Diagnostic[] = [];
  private fresh: boolean;

  constructor(private readonly options: BuildOptions) {
    this.root = path.resolve(options.root);
    this.outDir = path.resolve(this.root, options.outDir ?? "dist");
    this.templatesDir = path.resolve(this.root, options.templatesDir ?? "templates");
    const writing = options.write !== false;
    this.cacheDir = options.cacheDir === false ? undefined : (options.cacheDir ?? (writing ? defaultCacheDir(this.root) : undefined));
    this.cache = options.cache;
    this.fresh = options.fresh ?? false;
  }

  /**
   * Tells the session what changed since the last build: content files (paths
   * relative to the root, or "all" when folders changed), templates.
   */
  invalidate(change: { content?: string[] | "all"; templates?: boolean }): void {
    if (change.templates) this.templates = undefined;
    if (change.content === "all") this.sources = undefined;
    else if (change.content && this.sources) this.changedContent.push(...change.content);
  }

  private changedContent: string[] = [];
  /** What the last full build planned, for the fast path (`rebuildInPlace`). */
  private last?: { papers: Map<string, Paper>; bySource: Map<object, PlannedOutput[]>; model: SiteModel };

  /** Reads the papers, re-reading only the files reported as changed when it can. */
  private async readSources(): Promise<PaperSource[]> {
    if (!this.sources || this.changedContent.some((file) => !/^content\/papers\/\d{4}-\d{2}-\d{2}\/[^/]+\.md$/.test(file))) {
      const { sources, diagnostics } = await discoverPapers(this.root);
      this.sources = new Map(sources.map((source) => [source.path, source]));
      this.layoutDiagnostics = diagnostics;
    } else {
      for (const file of this.changedContent) {
        const day = file.split("/")[2]!;
        const found = await readPaperFile(this.root, file, day).catch(() => undefined);
        this.layoutDiagnostics = this.layoutDiagnostics.filter((d) => d.file !== file);
        if (!found) this.sources.delete(file);
        else if ("source" in found) this.sources.set(file, found.source);
        else {
          this.sources.delete(file);
          this.layoutDiagnostics.push(found.diagnostic);
        }
      }
    }
    this.changedContent = [];
    return [...this.sources.values()].sort((a, b) => byCodeUnit(a.path, b.path));
  }

  /** Builds the site: every problem is reported before anything is written. A second build of the same cache waits for the first. */
  async build(): Promise<BuildResult> {
    const lock = this.cacheDir ? await lockCache(this.cacheDir, this.options.onLockWait) : undefined;
    try {
      return await this.buildLocked();
    } finally {
      lock?.release();
    }
  }

  private async buildLocked(attempt = 1): Promise<BuildResult> {
    const fast = await this.rebuildInPlace();
    if (fast) return fast;
    this.last = undefined;
    const { options } = this;
    const timings: Record<string, number> = {};
    let mark = performance.now();
    const lap = (stage: string) => {
      const now = performance.now();
      timings[stage] = Math.round(now - mark);
      mark = now;
    };

    const configResult = await loadConfig(this.root, options.env ?? process.env);
    this.templates ??= await loadTemplates(templateLayers(this.templatesDir, this.options.themeDir));
    const templatesResult = this.templates;
    lap("config and templates");
    const sources = await this.readSources();
    lap("read");

    // Nothing to do when nothing the site is made from changed and dist/ is as the last build left it.
    const writing = options.write !== false;
    if (writing && this.cacheDir && !this.fresh) this.manifest ??= OutputManifest.load(this.cacheDir, this.outDir);
    const digest =
      writing && configResult.config && templatesResult.templates && this.layoutDiagnostics.length === 0
        ? siteDigest(configResult.config, templatesResult.templates.version, options.drafts ?? false, sources)
        : undefined;
    if (writing && digest && this.manifest?.site?.digest === digest && (await this.manifest.untouched())) {
      const { papers, days } = this.manifest.site;
      lap("unchanged");
      const files = this.manifest.size;
      return { diagnostics: [], report: { written: [], unchanged: files, skipped: files, removed: [] }, counts: { papers, days }, stats: { papers, compiled: 0, fromCache: papers, timings } };
    }

    this.cache ??= this.cacheDir ? await RenderCache.open(this.cacheDir, { fresh: this.fresh }) : RenderCache.inMemory();
    const cache = this.cache;
    cache.beginBuild();
    const content = await loadPapers(this.root, {
      drafts: options.drafts ?? false,
      cache,
      sources,
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
    });
    content.diagnostics.unshift(...this.layoutDiagnostics);
    lap("papers");
    const stats: BuildStats = { ...content.stats, timings };
    const notice = cache.notice;
    cache.notice = undefined;
    // The cache is saved even when the content has problems, so the next check or build is fast.
    await cache.save();

    const diagnostics = [...configResult.diagnostics, ...templatesResult.diagnostics, ...content.diagnostics];
    if (!configResult.config || !templatesResult.templates || diagnostics.length > 0) {
      return { diagnostics: sortDiagnostics(diagnostics), stats, ...(notice ? { notice } : {}) };
    }

    const model = buildSiteModel(configResult.config as SiteConfig, content.papers);
    trackDependencies(options.keepPlan ?? false);
    const outputs = await planSite(model, templatesResult.templates);
    lap("plan");
    try {
      if (options.write === false) {
        const files: OutputFile[] = [];
        for (const output of outputs) files.push({ path: output.path, contents: await output.render() });
        files.sort((a, b) => byCodeUnit(a.path, b.path));
        lap("render");
        return { diagnostics: [], files, model, stats, ...(notice ? { notice } : {}) };
      }
      // The record of written files lives beside the render cache, and only where that can be written.
      const manifest = this.cacheDir && cache.dir ? (this.manifest ??= OutputManifest.load(this.cacheDir, this.outDir, { fresh: this.fresh })) : undefined;
      const site = digest ? { digest, papers: model.papers.length, days: model.days.length } : undefined;
      const report = await writeOutput(this.outDir, outputs, manifest, site ? { site } : {});
      lap("render and write");
      this.fresh = false;
      if (options.keepPlan) this.remember(outputs, content.papers, model);
      return { diagnostics: [], report, model, counts: { papers: model.papers.length, days: model.days.length }, stats, ...(notice ? { notice } : {}) };
    } catch (error) {
      if (error instanceof RenderError) return { diagnostics: [error.diagnostic], model, stats };
      if (error instanceof CorruptEntryError && attempt < 3) {
        // Nothing was written; compile the damaged paper again and start over.
        cache.forget(error.key);
        await cache.save();
        return this.buildLocked(attempt + 1);
      }
      throw error;
    }
  }

  private remember(outputs: PlannedOutput[], papers: Paper[], model: SiteModel): void {
    const bySource = new Map<object, PlannedOutput[]>();
    for (const output of outputs) {
      for (const source of output.sources ?? []) {
        const list = bySource.get(source);
        if (list) list.push(output);
        else bySource.set(source, [output]);
      }
    }
    this.last = { papers: new Map(papers.map((paper) => [paper.path, paper])), bySource, model };
  }

  /**
   * The dev server's fast rebuild: when the only changes are edits to papers
   * that stay where they were (same day, id, tags, draft state, citation key),
   * each edited paper is updated in place, with everything derived from it,
   * and only the outputs that show it are fingerprinted and written again.
   * Anything else, or any problem, returns undefined for a full build.
   */
  private async rebuildInPlace(): Promise<BuildResult | undefined> {
    const last = this.last;
    const changed = [...new Set(this.changedContent)];
    if (!last || !this.cache || !this.templates?.templates || changed.length === 0 || changed.some((file) => !last.papers.has(file))) return undefined;
    const started = performance.now();
    const sources: PaperSource[] = [];
    for (const file of changed) {
      const found = await readPaperFile(this.root, file, file.split("/")[2]!).catch(() => undefined);
      if (!found || !("source" in found)) return undefined;
      sources.push(found.source);
    }
    const cache = this.cache;
    const compiled = await compileSources(sources, cache.dir);
    const updates: [Paper, Paper][] = [];
    for (const [index, result] of compiled.entries()) {
      if (!result.entry.paper || result.entry.diagnostics.length > 0) return undefined;
      cache.put(result.entry, result.html);
      const fresh = lazyPaper(result.entry, cache);
      const before = last.papers.get(fresh.path)!;
      if (!samePlace(before, fresh)) return undefined;
      updates.push([before, fresh]);
      this.sources?.set(sources[index]!.path, sources[index]!);
    }
    this.changedContent = [];
    const compiledAt = performance.now();
    const affected = new Set<PlannedOutput>();
    for (const [before, fresh] of updates) {
      Object.assign(before, fresh);
      refreshDerived(before);
      for (const output of last.bySource.get(before) ?? []) affected.add(output);
    }
    for (const output of affected) if (output.refingerprint) output.fingerprint = output.refingerprint();
    const plannedAt = performance.now();
    const report = await writeOutput(this.outDir, [...affected], this.manifest, { partial: true });
    const timings = {
      "in place": Math.round(performance.now() - started),
      "read and compile": Math.round(compiledAt - started),
      "refresh and fingerprint": Math.round(plannedAt - compiledAt),
      "render and write": Math.round(performance.now() - plannedAt),
    };
    const stats: BuildStats = { papers: last.papers.size, compiled: compiled.length, fromCache: 0, timings };
    return { diagnostics: [], report, model: last.model, stats };
  }
}

/** A digest of everything a site is made from: Paperboy's code, templates, configuration and every paper file. */
function siteDigest(config: SiteConfig, templatesVersion: string, drafts: boolean, sources: readonly PaperSource[]): string {
  const hash = createHash("sha256").update(`${CODE_VERSION}\0${templatesVersion}\0${drafts}\0${JSON.stringify(config)}\0`);
  for (const source of sources) hash.update(`${source.path}\0${sourceKey(source)}\0`);
  return hash.digest("hex");
}

/** Whether a paper can change in place without the site being planned again: nothing that places it moved. */
function samePlace(before: Paper, after: Paper): boolean {
  return (
    before.path === after.path &&
    before.id === after.id &&
    before.day === after.day &&
    before.draft === after.draft &&
    before.arxiv?.id === after.arxiv?.id &&
    before.doi === after.doi &&
    before.tags.join("\0") === after.tags.join("\0") &&
    // The citation key is unique across the site, so one that moves may move others'.
    baseCitationKey(before) === baseCitationKey(after)
  );
}

/** Builds the site once: every problem is reported before anything is written. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  try {
    return await new BuildSession(options).build();
  } finally {
    await stopSearchIndexer();
  }
}

/** Orders diagnostics by file, then line, so reports read top to bottom. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}
