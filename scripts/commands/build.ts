// Options → result. The only module that orders the stages:
// load → validate → compile Markdown → model → plan outputs → render → write.
// Every content and template problem is collected before the first byte is
// written to the output folder, so a failed build leaves it as it was.
//
// Rebuilds are incremental by design, not by special case: papers come from
// the compile cache when their file is unchanged (keyed by content hash and
// Paperboy's version), Markdown for the rest is compiled on worker threads, and
// outputs whose fingerprint and file on disk are unchanged are not rendered.
import { createHash } from "node:crypto";
import path from "node:path";
import { CompileCache, sourceKey } from "../content/compile-cache.ts";
import { loadConfig } from "../content/config.ts";
import { discoverPapers, readPaperFile, type PaperSource } from "../content/discover.ts";
import { loadContent, type ContentStats } from "../content/load.ts";
import { sortDiagnostics } from "../diagnostics/sort.ts";
import { CollectionPacer } from "../output/collection-pacer.ts";
import { OutputManifest } from "../output/manifest.ts";
import { writeOutput, type WriteReport } from "../output/write.ts";
import { sizeReport, type SizeReport } from "../output/size-report.ts";
import { RenderError } from "../render/outputs.ts";
import { planSite } from "../render/plan.ts";
import { SearchIndexer } from "../render/search-index.ts";
import { compileTemplates, localeFiles, readTemplates, templateLayers, type TemplateSet, type TemplateSources } from "../render/templates.ts";
import { availableLanguages, BASE_LANGUAGE } from "../render/locale.ts";
import { buildSiteModel, type SiteModel } from "../site/model.ts";
import type { BuildProgress, Diagnostic, OutputFile, SiteConfig } from "../types.ts";
import { CODE_VERSION } from "../util/code-version.ts";
import { acquireLock, type HeldLock, type LockHolder } from "../util/process-lock.ts";
import { byCodeUnit } from "../util/order.ts";
import { partialBuild, sourceRecord } from "./partial-build.ts";

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
   * Compile cache folder: default `<root>/.cache/paperboy` when writing, none
   * (memory only) when not; `false` to keep it in memory.
   */
  cacheDir?: string | false;
  /** Ignore the compile cache and the record of written files: a clean build. */
  fresh?: boolean;
  /** Worker threads for Markdown; default: one per core. */
  threads?: number;
  /** A compile cache kept across builds by a long-running process (the dev server). */
  cache?: CompileCache;
  /**
   * Leave the compile cache's index and the output manifest unsaved after a build, until `flush()`:
   * for the dev server, where rewriting megabytes of index after every saved edit would cost more than the
   * rebuild itself. What is on disk then lags behind, which costs a later build work, never correctness.
   */
  deferSaves?: boolean;
  /** Told once when another build holds the compile cache's lock, and this one waits for it to finish. */
  onLockWait?: (holder: LockHolder, file: string) => void;
  /** V8's full collection, when the entry point exposed it: paces memory while a large site renders. */
  collectGarbage?: () => void;
  /** Hears where the build is: at each stage, and now and then while papers compile and files are written. */
  onProgress?: (progress: BuildProgress) => void;
}

/** How long each stage took, in milliseconds, and how much was reused. */
export interface BuildStats extends ContentStats {
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
  /** One line each about what the build had to repair or work around (a damaged cache, say). */
  notices: string[];
  /** What the output folder weighs after a build that wrote it. */
  size?: SizeReport;
}

/** The default compile cache folder of a project. */
export function defaultCacheDir(root: string): string {
  return path.join(root, ".cache", "paperboy");
}

/**
 * Takes the lock of a compile cache folder, so one build or check at a time uses
 * it and the output folder it records: two at once would rewrite each other's
 * cache index and staging folders. The lock sits beside the folder
 * (`.cache/paperboy.lock`), because a fresh build deletes the folder itself.
 */
export function lockCache(cacheDir: string, onWait?: (holder: LockHolder, file: string) => void): Promise<HeldLock> {
  return acquireLock(path.dirname(cacheDir), { name: `${path.basename(cacheDir)}.lock`, ...(onWait ? { onWait } : {}) });
}

/** Times the stages of one build. */
function stopwatch(): { timings: Record<string, number>; lap: (stage: string) => void } {
  const timings: Record<string, number> = {};
  let mark = performance.now();
  return {
    timings,
    lap(stage) {
      const now = performance.now();
      timings[stage] = Math.round(now - mark);
      mark = now;
    },
  };
}

/**
 * A build that can run again: the dev server keeps one for its whole life, so
 * a rebuild reuses the compile cache, the compiled templates and the papers it
 * has read, and re-reads only what its file watcher reports as changed.
 */
export class BuildSession {
  private readonly root: string;
  private readonly outDir: string;
  private readonly templatesDir: string;
  private readonly cacheDir: string | undefined;
  private readonly writing: boolean;
  private fresh: boolean;
  private cache?: CompileCache;
  private manifest?: OutputManifest;
  /** The templates as read (their version is part of the site's digest), and compiled once a build needs them. */
  private templateSources?: TemplateSources;
  private templates?: { language: string; templates?: TemplateSet; diagnostics: Diagnostic[] };
  /** The paper files as last read, by path, and the layout problems found reading them. */
  private sources?: Map<string, PaperSource>;
  private layoutDiagnostics: Diagnostic[] = [];
  private changedContent: string[] = [];
  private readonly search = new SearchIndexer();

  constructor(private readonly options: BuildOptions) {
    this.root = path.resolve(options.root);
    this.outDir = path.resolve(this.root, options.outDir ?? "dist");
    this.templatesDir = path.resolve(this.root, options.templatesDir ?? "templates");
    this.writing = options.write !== false;
    this.cacheDir = options.cacheDir === false ? undefined : (options.cacheDir ?? (this.writing ? defaultCacheDir(this.root) : undefined));
    this.cache = options.cache;
    this.fresh = options.fresh ?? false;
  }

  /**
   * Tells the session what changed since the last build: content files (paths
   * relative to the root, or "all" when folders changed), templates.
   */
  invalidate(change: { content?: string[] | "all"; templates?: boolean }): void {
    if (change.templates) {
      this.templateSources = undefined;
      this.templates = undefined;
    }
    if (change.content === "all") this.sources = undefined;
    else if (change.content && this.sources) this.changedContent.push(...change.content);
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

  private async buildLocked(): Promise<BuildResult> {
    const { timings, lap } = stopwatch();
    const templateSources = (this.templateSources ??= await readTemplates(templateLayers(this.templatesDir, this.options.themeDir)));
    // The configuration may only name a language the theme or the site has interface strings for.
    const configResult = await loadConfig(this.root, this.options.env ?? process.env, { languages: availableLanguages(localeFiles(templateSources)) });
    lap("config and templates");
    const { onProgress } = this.options;
    onProgress?.({ stage: "reading" });
    const sources = await this.readSources();
    lap("read");

    // The record of written files lives beside the compile cache; it is read once per session.
    if (this.writing && this.cacheDir) this.manifest ??= OutputManifest.load(this.cacheDir, this.outDir, { fresh: this.fresh });
    const { config } = configResult;
    const drafts = this.options.drafts ?? false;
    const frame = this.writing && config && this.layoutDiagnostics.length === 0 ? frameDigest(config, templateSources.version, drafts) : undefined;
    const digest = frame ? siteDigest(frame, sources) : undefined;
    // Nothing to do when nothing the site is made from changed and the output folder is as the last build left it.
    if (digest && this.manifest?.site?.digest === digest && (await this.manifest.untouched())) {
      const { papers, days } = this.manifest.site;
      lap("unchanged");
      const files = this.manifest.size;
      const size = await sizeReport(this.outDir, this.manifest.sizes());
      return {
        diagnostics: [],
        notices: [],
        report: { written: [], unchanged: files, skipped: files, removed: [] },
        counts: { papers, days },
        stats: { papers, compiled: 0, fromCache: papers, timings },
        size,
      };
    }

    // Something must be built: now the templates are compiled (a syntax error is reported with the rest).
    // In the site's language: compiled again when the configuration names another.
    const language = config?.language ?? BASE_LANGUAGE;
    if (this.templates?.language !== language) this.templates = { language, ...compileTemplates(templateSources, language) };
    const templatesResult = this.templates;
    const templates = templatesResult.templates;
    const cache = (this.cache ??= this.cacheDir ? await CompileCache.open(this.cacheDir, { fresh: this.fresh }) : CompileCache.inMemory());
    const notices = [...(cache.notice ? [cache.notice] : []), ...(templates?.notices ?? [])];
    cache.notice = undefined;
    cache.beginBuild();
    const write = {
      ...(this.options.deferSaves ? { saveManifest: false } : {}),
      ...(this.options.collectGarbage ? { pacer: new CollectionPacer(this.options.collectGarbage) } : {}),
      ...(onProgress ? { onProgress: (done: number, total: number) => onProgress({ stage: "writing", done, total }) } : {}),
    };

    // Only papers edited where they stand: build just what shows them.
    if (frame && digest && templates && config && this.manifest && cache.dir) {
      const partial = await partialBuild({
        config,
        templates,
        drafts,
        sources,
        site: { digest, frame },
        manifest: this.manifest,
        cache,
        outDir: this.outDir,
        search: this.search,
        write,
        saveCache: !this.options.deferSaves,
      });
      if (partial) {
        lap("partial");
        const { model } = partial;
        const stats: BuildStats = { papers: sources.length, compiled: partial.compiled, fromCache: sources.length - partial.compiled, timings };
        const size = await sizeReport(this.outDir, this.manifest.sizes());
        return {
          diagnostics: [],
          notices: [...notices, ...partial.notices],
          report: partial.report,
          model,
          counts: { papers: model.papers.length, days: model.days.length },
          stats,
          size,
        };
      }
    }

    const content = await loadContent(this.root, {
      drafts,
      cache,
      sources,
      sourceOf: (key) => sources.find((source) => sourceKey(source) === key),
      ...(this.options.threads !== undefined ? { threads: this.options.threads } : {}),
      ...(onProgress ? { onProgress } : {}),
    });
    lap("papers");
    const stats: BuildStats = { ...content.stats, timings };
    // The cache is saved even when the content has problems, so the next check or build is fast.
    await cache.save();

    const diagnostics = [...configResult.diagnostics, ...templatesResult.diagnostics, ...this.layoutDiagnostics, ...content.diagnostics];
    if (!config || !templates || diagnostics.length > 0) return { diagnostics: sortDiagnostics(diagnostics), notices, stats };

    const model = buildSiteModel(config, content.papers);
    onProgress?.({ stage: "planning" });
    const outputs = await planSite(model, templates, { bodies: content.bodies, search: this.search });
    lap("plan");
    try {
      if (!this.writing) {
        const files: OutputFile[] = [];
        for (const output of outputs) files.push({ path: output.path, contents: await output.render() });
        files.sort((a, b) => byCodeUnit(a.path, b.path));
        lap("render");
        return { diagnostics: [], notices: [...notices, ...content.bodies.notices], files, model, stats };
      }
      // Only where the cache can be written is there a record of what was written.
      const manifest = cache.dir ? this.manifest : undefined;
      const site = digest && frame ? { digest, frame, papers: model.papers.length, days: model.days.length } : undefined;
      const records = content.all.map(({ source, paper }) => sourceRecord(source, paper));
      const report = await writeOutput(this.outDir, outputs, manifest, {
        ...write,
        ...(site ? { site } : {}),
        beforeRender: (toRender) => this.search.prepare(toRender),
        record: (written) => written.recordPlan(records, outputs),
      });
      lap("render and write");
      // Summaries repaired while rendering are in the cache now.
      if (content.bodies.notices.length > 0) await cache.save();
      this.fresh = false;
      const size = await sizeReport(this.outDir, manifest?.sizes());
      return {
        diagnostics: [],
        notices: [...notices, ...content.bodies.notices],
        report,
        model,
        counts: { papers: model.papers.length, days: model.days.length },
        stats,
        size,
      };
    } catch (error) {
      if (error instanceof RenderError) return { diagnostics: [error.diagnostic], notices, model, stats };
      throw error;
    }
  }

  /** Saves what `deferSaves` left unsaved: the compile cache's index and the output manifest. */
  async flush(): Promise<void> {
    await this.cache?.save();
    if (this.manifest?.site) await this.manifest.save();
  }

  /** Ends what the session keeps running (the search indexer's thread), saving what it deferred. */
  async close(): Promise<void> {
    if (this.options.deferSaves) await this.flush();
    await this.search.stop();
  }

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
}

/** A digest of everything a site is made from but its papers: Paperboy's code, templates, configuration, drafts or not. */
function frameDigest(config: SiteConfig, templatesVersion: string, drafts: boolean): string {
  return createHash("sha256")
    .update(`${CODE_VERSION}\0${templatesVersion}\0${drafts}\0${JSON.stringify(config)}\0`)
    .digest("hex");
}

/** A digest of everything a site is made from: its frame and every paper file. */
function siteDigest(frame: string, sources: readonly PaperSource[]): string {
  const hash = createHash("sha256").update(frame);
  for (const source of sources) hash.update(`${source.path}\0${sourceKey(source)}\0`);
  return hash.digest("hex");
}

/** Builds the site once: every problem is reported before anything is written. */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const session = new BuildSession(options);
  try {
    return await session.build();
  } finally {
    await session.close();
  }
}
