// The dev server's fast rebuild: when the only changes are edits to papers
// that stay where they were (same day, id, tags, draft state, citation key),
// each edited paper is compiled again and updated in the last plan, with
// everything derived from it, and only the outputs that show it are
// fingerprinted and written again. Anything else, or any problem, gives
// undefined, and the session runs a full build instead.
import type { CompileCache } from "../content/compile-cache.ts";
import { compileSources } from "../content/compile-pool.ts";
import { readPaperFile, type PaperSource } from "../content/discover.ts";
import type { OutputManifest } from "../output/manifest.ts";
import { writeOutput, type WriteReport } from "../output/write.ts";
import { baseCitationKey } from "../render/bibtex.ts";
import type { Fingerprints } from "../render/fingerprint.ts";
import type { PlannedOutput } from "../render/outputs.ts";
import type { SiteModel } from "../site/model.ts";
import type { Paper } from "../types.ts";

/** What a full build planned, kept for in-place rebuilds. */
export interface LastPlan {
  /** Papers by path, as the plan holds them. */
  papers: Map<string, Paper>;
  /** The outputs that show each paper. */
  bySource: Map<object, PlannedOutput[]>;
  model: SiteModel;
  fingerprints: Fingerprints;
}

/** Indexes a plan's outputs by the papers they show. */
export function rememberPlan(outputs: readonly PlannedOutput[], papers: readonly Paper[], model: SiteModel, fingerprints: Fingerprints): LastPlan {
  const bySource = new Map<object, PlannedOutput[]>();
  for (const output of outputs) {
    for (const source of output.sources ?? []) {
      const list = bySource.get(source);
      if (list) list.push(output);
      else bySource.set(source, [output]);
    }
  }
  return { papers: new Map(papers.map((paper) => [paper.path, paper])), bySource, model, fingerprints };
}

/** Where an in-place rebuild reads and writes. */
export interface InPlaceTarget {
  root: string;
  outDir: string;
  cache: CompileCache;
  manifest: OutputManifest | undefined;
}

/** What an in-place rebuild did. */
export interface InPlaceResult {
  report: WriteReport;
  /** The sources it read, to keep in the session's view of the content. */
  sources: PaperSource[];
  compiled: number;
  timings: Record<string, number>;
}

/** Rebuilds the edited `files` (paths relative to the root) in place, or gives undefined when a full build is needed. */
export async function rebuildInPlace(last: LastPlan, files: readonly string[], target: InPlaceTarget): Promise<InPlaceResult | undefined> {
  if (files.length === 0 || files.some((file) => !last.papers.has(file))) return undefined;
  const started = performance.now();
  const sources: PaperSource[] = [];
  for (const file of files) {
    const found = await readPaperFile(target.root, file, file.split("/")[2]!).catch(() => undefined);
    if (!found || !("source" in found)) return undefined;
    sources.push(found.source);
  }
  const { cache } = target;
  const compiled = await compileSources(sources, cache.dir);
  const updates: [Paper, Paper][] = [];
  for (const result of compiled) {
    const fresh = result.entry.paper;
    if (!fresh || result.entry.diagnostics.length > 0) return undefined;
    const before = last.papers.get(fresh.path)!;
    if (!samePlace(before, fresh)) return undefined;
    cache.put(result.entry, result.html);
    updates.push([before, fresh]);
  }
  const compiledAt = performance.now();
  const affected = new Set<PlannedOutput>();
  for (const [before, fresh] of updates) {
    Object.assign(before, fresh);
    last.fingerprints.refresh(before);
    for (const output of last.bySource.get(before) ?? []) affected.add(output);
  }
  for (const output of affected) if (output.refingerprint) output.fingerprint = output.refingerprint();
  const plannedAt = performance.now();
  const report = await writeOutput(target.outDir, [...affected], target.manifest, { partial: true });
  return {
    report,
    sources,
    compiled: compiled.length,
    timings: {
      "in place": Math.round(performance.now() - started),
      "read and compile": Math.round(compiledAt - started),
      "refresh and fingerprint": Math.round(plannedAt - compiledAt),
      "render and write": Math.round(performance.now() - plannedAt),
    },
  };
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
