// Papers → their rendered summaries (HTML and full text), for the pages and
// feeds that show them. A summary lives in the compile cache's body file and
// is checked against the hash the index holds; one that is missing or damaged
// is compiled again from its source on the spot, with a note, so no damage to
// the cache can fail a build or reach the output.
import { CorruptEntryError, unpackBody, type CompileCache } from "./compile-cache.ts";
import type { PaperSource } from "./discover.ts";
import type { Paper, PaperBody } from "../types.ts";

/** Where the render stage reads papers' summaries. */
export interface BodyStore {
  /** The summaries of `papers`, looked up by paper. */
  load(papers: readonly Paper[]): Promise<Map<Paper, PaperBody>>;
  /** Notes on repairs made while loading (`body … did not match its hash; compiled again`). */
  readonly notices: readonly string[];
}

/** A store over the compile cache, able to compile a damaged summary again from its source (found by cache key). */
export function cacheBodyStore(cache: CompileCache, sourceOf: (key: string) => PaperSource | undefined): BodyStore {
  const notices: string[] = [];
  const read = async (paper: Paper): Promise<PaperBody> => {
    try {
      return unpackBody(cache.body(paper.key));
    } catch (error) {
      if (!(error instanceof CorruptEntryError)) throw error;
      const source = sourceOf(paper.key);
      if (!source) throw new Error(`internal error: no source for ${paper.path} to compile its summary again, please report`, { cause: error });
      // The Markdown stack loads only when something must be compiled.
      const { compileEntry } = await import("./compile-paper.ts");
      const result = compileEntry(source, cache.dir);
      if (!result.html) throw new Error(`internal error: ${paper.path} compiled before but not now, please report`, { cause: error });
      cache.put(result.entry, result.html);
      notices.push(`${error.message}; compiled ${paper.path} again`);
      return unpackBody(result.html);
    }
  };
  return {
    notices,
    async load(papers) {
      const bodies = new Map<Paper, PaperBody>();
      for (const paper of papers) if (!bodies.has(paper)) bodies.set(paper, await read(paper));
      return bodies;
    },
  };
}

/** A store over summaries held in memory (tests, synthetic sites), keyed by paper key. */
export function memoryBodyStore(bodies: ReadonlyMap<string, PaperBody>): BodyStore {
  return {
    notices: [],
    async load(papers) {
      const found = new Map<Paper, PaperBody>();
      for (const paper of papers) {
        const body = bodies.get(paper.key);
        if (!body) throw new Error(`internal error: no summary for ${paper.path}, please report`);
        found.set(paper, body);
      }
      return found;
    },
  };
}
