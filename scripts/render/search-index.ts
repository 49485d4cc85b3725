// Site model → the search index, a JSON asset that the search page loads.
//
// MiniSearch rather than Pagefind: MiniSearch is a small pure-JavaScript
// library whose index is built here, in the same process as every other
// output, and serialises deterministically (same papers, same bytes). The
// index is then one more OutputFile, written atomically with the rest of the
// site. Pagefind indexes the built HTML with a separate binary run over dist/
// after the write, which would break the all-or-nothing write and the
// incremental "unchanged files are not touched" rule, and adds a native
// download to CI. The index is split into one shard per month (see
// renderSearchIndex); README "Search" gives the size per 1,000 papers.
import { Worker } from "node:worker_threads";
import { route } from "../site/routes.ts";
import type { SiteModel } from "../site/model.ts";
import { CODE_VERSION } from "../util/code-version.ts";
import { fingerprint } from "./fingerprint.ts";
import type { PlannedOutput } from "./outputs.ts";
import { buildSearchIndex, searchDocument, type SearchDocument } from "./search-documents.ts";

/**
 * Indexing a month of papers takes a while, and rendering pages keeps only one
 * core busy, so shards are indexed on a worker thread while pages render. One
 * thread serves the whole build; `stopSearchIndexer` ends it.
 */
type Pending = Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>;
let indexer: { worker: Worker; pending: Pending; next: number } | undefined;

function indexInBackground(documents: SearchDocument[]): Promise<string> {
  if (!indexer) {
    const worker = new Worker(new URL("../util/worker-loader.mjs", import.meta.url), { workerData: { entry: new URL("./search-worker.ts", import.meta.url).href } });
    const pending: Pending = new Map();
    worker.on("message", ({ id, text }: { id: number; text: string }) => {
      pending.get(id)?.resolve(text);
      pending.delete(id);
    });
    worker.on("error", (error) => {
      for (const { reject } of pending.values()) reject(new Error(`internal error in the search indexer: ${error.message}, please report`));
      pending.clear();
      // The thread is gone: the next build (the dev server's next rebuild) starts a new one rather than waiting on it.
      if (indexer?.worker === worker) indexer = undefined;
    });
    indexer = { worker, pending, next: 0 };
  }
  const { worker, pending } = indexer;
  const id = indexer.next++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, documents });
  });
}

/** Ends the search indexer thread, if one was started. */
export async function stopSearchIndexer(): Promise<void> {
  const running = indexer;
  indexer = undefined;
  await running?.worker.terminate();
}

/** The list of shards the search page loads (`assets/search/index.json`). */
interface SearchManifest {
  version: 2;
  /** Newest month first; each a route relative to the site root, with its paper count. */
  shards: { file: string; papers: number }[];
}

/**
 * Shards to index before the rendering starts: a few (an edit's month) are
 * indexed on the main thread when first rendered, since starting the indexer
 * thread costs more than they do; more go to the indexer thread together.
 */
const BACKGROUND_MIN_SHARDS = 3;
let starting: (() => void)[] | undefined;

function startShard(begin: () => void): void {
  if (!starting) {
    starting = [];
    // writeOutput calls every output's start() in one synchronous pass, so this runs once it is over.
    queueMicrotask(() => {
      const begins = starting!;
      starting = undefined;
      if (begins.length >= BACKGROUND_MIN_SHARDS) for (const go of begins) go();
    });
  }
  starting.push(begin);
}

/**
 * The search index, one shard per month of listings plus a manifest. An edit
 * re-indexes only its month, so a rebuild stays fast as the digest grows, and
 * the page fetches the shards in parallel and searches them all (a single
 * file for 100,000 papers would be over a hundred megabytes).
 */
export function renderSearchIndex(model: SiteModel): PlannedOutput[] {
  const manifest: SearchManifest = { version: 2, shards: model.months.map((month) => ({ file: route.searchShard(month.key), papers: month.count })) };
  const shards = model.months.map((month): PlannedOutput => {
    const papers = month.days.flatMap((day) => day.papers);
    let text: Promise<string> | undefined;
    const refingerprint = () => fingerprint(`search\0${CODE_VERSION}`, papers.map((paper) => paper.key));
    return {
      path: route.searchShard(month.key),
      fingerprint: refingerprint(),
      sources: new Set<object>(papers),
      refingerprint: () => {
        text = undefined;
        return refingerprint();
      },
      start: () => {
        startShard(() => {
          text = indexInBackground(papers.map(searchDocument));
        });
      },
      render: () => text ?? buildSearchIndex(papers),
    };
  });
  return [{ path: route.searchIndex(), render: () => `${JSON.stringify(manifest)}\n` }, ...shards];
}
