// Content folder → validated papers, their summaries' store, and every
// problem: discover, then compile each paper (from the compile cache when its
// file is unchanged, else on worker threads). `build` and `check` run exactly
// this, so both report the same problems; `new` and `check <files>` read only
// the papers' identities, without compiling anything.
import { compileSources } from "./compile-pool.ts";
import { CompileCache, sourceKey, type CompiledEntry } from "./compile-cache.ts";
import { cacheBodyStore, type BodyStore } from "./body-store.ts";
import { discoverPapers, type PaperSource } from "./discover.ts";
import { parseFrontMatter } from "./front-matter.ts";
import { findDuplicates } from "./duplicates.ts";
import { identify, validatePaper } from "./paper-schema.ts";
import type { BuildProgress, Diagnostic, Paper, PaperIdentity } from "../types.ts";

/** How much of the content was compiled afresh and how much came from the cache. */
export interface ContentStats {
  papers: number;
  compiled: number;
  fromCache: number;
}

/** The digest's papers, where their summaries are, and every problem found in them. */
export interface Content {
  /** The papers the site shows (drafts only when asked for). */
  papers: Paper[];
  /** Every valid paper, drafts included, with the file it came from. */
  all: { source: PaperSource; paper: Paper }[];
  bodies: BodyStore;
  diagnostics: Diagnostic[];
  stats: ContentStats;
}

/** Loads, validates and compiles every paper, reusing the compile cache. */
export async function loadContent(
  root: string,
  options: {
    drafts?: boolean;
    cache?: CompileCache;
    threads?: number;
    /** The sources, when the caller has read them already (the dev server re-reads only what changed). */
    sources?: readonly PaperSource[];
    /** Finds a source by cache key, for the body store to compile a damaged summary again; default: among these sources. */
    sourceOf?: (key: string) => PaperSource | undefined;
    /** Hears how many papers of how many are compiled, now and then (a long build's progress line). */
    onProgress?: (progress: BuildProgress) => void;
  } = {},
): Promise<Content> {
  const cache = options.cache ?? CompileCache.inMemory();
  const discovered = options.sources ? { sources: options.sources, diagnostics: [] } : await discoverPapers(root);
  const { sources } = discovered;
  const diagnostics = [...discovered.diagnostics];

  const entries: (CompiledEntry | undefined)[] = sources.map((source) => cache.get(sourceKey(source)));
  const missing = sources.map((_, i) => i).filter((i) => entries[i] === undefined);
  const total = missing.length;
  const onProgress = options.onProgress;
  if (total > 0) onProgress?.({ stage: "compiling", done: 0, total });
  const compiled = await compileSources(
    missing.map((i) => sources[i]!),
    cache.dir,
    {
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
      ...(onProgress ? { onProgress: (done: number) => onProgress({ stage: "compiling", done, total }) } : {}),
    },
  );
  compiled.forEach((result, n) => {
    cache.put(result.entry, result.html);
    entries[missing[n]!] = result.entry;
  });

  const papers: Paper[] = [];
  const all: { source: PaperSource; paper: Paper }[] = [];
  (entries as CompiledEntry[]).forEach((entry, index) => {
    diagnostics.push(...entry.diagnostics);
    if (!entry.paper) return;
    papers.push(entry.paper);
    all.push({ source: sources[index]!, paper: entry.paper });
  });
  diagnostics.push(...findDuplicates(papers));
  const bySourceKey = options.sourceOf ? undefined : new Map(sources.map((source) => [sourceKey(source), source]));
  return {
    papers: options.drafts ? papers : papers.filter((p) => !p.draft),
    all,
    bodies: cacheBodyStore(cache, options.sourceOf ?? ((key) => bySourceKey!.get(key))),
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
