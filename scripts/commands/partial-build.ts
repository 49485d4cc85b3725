// A build of only what some edits touched. When the last build's record says
// the site's frame (code, templates, configuration) is the same, and the only
// change is papers edited where they stand (same day, id, tags, draft state,
// identifiers, citation key), nothing else on the site can have changed: the
// model is rebuilt from the compile cache, and only the outputs the record
// says show an edited paper (its page, its neighbours', its day, week, month,
// tags, feeds, search shard, digests) are planned again, rendered and written.
// The same path serves a fresh `npm run build` after an edit and the dev
// server's rebuild after a save. Anything else gives undefined, and the
// caller builds the whole site.
import type { CompileCache, CompiledEntry } from "../content/compile-cache.ts";
import { sourceKey } from "../content/compile-cache.ts";
import { cacheBodyStore } from "../content/body-store.ts";
import { compileSources } from "../content/compile-pool.ts";
import type { PaperSource } from "../content/discover.ts";
import type { OutputManifest, SiteRecord, SourceRecord } from "../output/manifest.ts";
import { writeOutput, type WriteOptions, type WriteReport } from "../output/write.ts";
import { baseCitationKey } from "../render/bibtex.ts";
import { hash } from "../render/fingerprint.ts";
import { planKeys } from "../render/plan.ts";
import type { SearchIndexer } from "../render/search-index.ts";
import type { TemplateSet } from "../render/templates.ts";
import { buildSiteModel, type SiteModel } from "../site/model.ts";
import type { Paper, SiteConfig } from "../types.ts";

/** Beyond this many edited papers at once (a large merge), the whole site is planned. */
const MAX_EDITED = 200;

/** What places a paper on the site: an edit that changes none of it changes no page but those that show the paper. */
export function placeOf(paper: Paper): string {
  // The citation key is unique across the site, so one that moves may move others'.
  return hash([paper.id, paper.day, paper.draft, paper.arxiv?.id ?? "", paper.doi ?? "", paper.tags.join(" "), baseCitationKey(paper)].join("\0"));
}

/** A paper file's record for the manifest. */
export function sourceRecord(source: PaperSource, paper: Paper): [string, SourceRecord] {
  return [source.path, [sourceKey(source), placeOf(paper)]];
}

/** What a partial build reads and where it writes. */
export interface PartialBuildInput {
  config: SiteConfig;
  templates: TemplateSet;
  drafts: boolean;
  sources: readonly PaperSource[];
  /** What the site is made from now: the record this build leaves when it succeeds. */
  site: Pick<SiteRecord, "digest" | "frame">;
  manifest: OutputManifest;
  cache: CompileCache;
  outDir: string;
  search: SearchIndexer;
  /** How the write goes (progress, memory pacing, whether the manifest is saved now). */
  write: Pick<WriteOptions, "pacer" | "onProgress" | "saveManifest">;
  /** Save the compile cache's index now (default); a long-running session saves it later itself. */
  saveCache?: boolean;
}

/** What a partial build did. */
export interface PartialBuildResult {
  report: WriteReport;
  model: SiteModel;
  compiled: number;
  notices: string[];
}

/** Builds only the outputs that show the edited papers, or gives undefined when the whole site must be built. */
export async function partialBuild(input: PartialBuildInput): Promise<PartialBuildResult | undefined> {
  const { manifest, cache, sources } = input;
  if (manifest.site?.frame !== input.site.frame || manifest.sourceCount !== sources.length) return undefined;
  const edited: PaperSource[] = [];
  for (const source of sources) {
    const record = manifest.source(source.path);
    if (!record) return undefined;
    if (record[0] !== sourceKey(source)) edited.push(source);
  }
  if (edited.length === 0 || edited.length > MAX_EDITED) return undefined;

  // Every other paper comes from the cache (and counts as used, so it is kept); a missing one means a full build.
  const entries = new Map<string, CompiledEntry>();
  for (const source of sources) {
    const entry = cache.get(sourceKey(source));
    if (entry) entries.set(source.path, entry);
  }
  const editedPaths = new Set(edited.map((source) => source.path));
  if (sources.some((source) => !editedPaths.has(source.path) && !entries.has(source.path))) return undefined;
  const toCompile = edited.filter((source) => !entries.has(source.path));
  const compiled = await compileSources(toCompile, cache.dir);
  compiled.forEach((result, index) => {
    cache.put(result.entry, result.html);
    entries.set(toCompile[index]!.path, result.entry);
  });
  const papers: Paper[] = [];
  for (const source of sources) {
    const entry = entries.get(source.path);
    // A problem (reported by the full build, with the checks across papers) or a paper missing from the cache.
    if (!entry?.paper || entry.diagnostics.length > 0) return undefined;
    papers.push(entry.paper);
  }
  const editedRecords = edited.map((source) => sourceRecord(source, entries.get(source.path)!.paper!));
  for (const [file, [, place]] of editedRecords) if (manifest.source(file)![1] !== place) return undefined;

  const model = buildSiteModel(input.config, input.drafts ? papers : papers.filter((paper) => !paper.draft));
  const bySourceKey = new Map(sources.map((source) => [sourceKey(source), source]));
  const bodies = cacheBodyStore(cache, (key) => bySourceKey.get(key));
  const outputs = planKeys(model, input.templates, { bodies, search: input.search }, manifest.keysShowing(edited.map((source) => source.path)));
  const report = await writeOutput(input.outDir, outputs, manifest, {
    ...input.write,
    partial: true,
    site: { ...input.site, papers: model.papers.length, days: model.days.length },
    beforeRender: (toRender) => input.search.prepare(toRender),
    record: (written) => written.updatePlan(editedRecords, outputs),
  });
  if (input.saveCache !== false) await cache.save();
  return { report, model, compiled: compiled.length, notices: [...bodies.notices] };
}
