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
// SearchIndexer.plan); docs/ give the size per 1,000 papers.
import { Worker } from "node:worker_threads";
import { route } from "../site/routes.ts";
import type { SiteModel } from "../site/model.ts";
import { CODE_VERSION } from "../util/code-version.ts";
import { fingerprintData } from "./fingerprint.ts";
import type { PlannedOutput } from "./outputs.ts";
import { buildSearchIndex, searchDocument, type SearchDocument } from "./search-documents.ts";

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

type Pending = Map<number, { resolve: (text: string) => void; reject: (error: Error) => void }>;

/**
 * Plans the search index, one shard per month of listings plus a manifest, and
 * indexes the shards. An edit re-indexes only its month, so a rebuild stays
 * fast as the digest grows, and the page fetches the shards in parallel and
 * searches them all (a single file for 100,000 papers would be over a hundred
 * megabytes). Indexing a month takes a while, and rendering pages keeps only
 * one core busy, so when several shards are to be rendered they are indexed on
 * a worker thread meanwhile. One indexer (and at most one thread) serves a
 * build, or the dev server's whole session; `stop` ends its thread.
 */
export class SearchIndexer {
  private thread?: { worker: Worker; pending: Pending; next: number };
  /** How many shards went to the indexer thread so far (for tests and statistics). */
  sentToThread = 0;
  /** How to start indexing each shard this indexer planned, in the background. */
  private readonly starts = new WeakMap<PlannedOutput, () => void>();

  /** The index's outputs: the manifest, then one shard per month. */
  plan(model: SiteModel): PlannedOutput[] {
    const manifest: SearchManifest = { version: 2, shards: model.months.map((month) => ({ file: route.searchShard(month.key), papers: month.count })) };
    return [
      { path: route.searchIndex(), render: () => `${JSON.stringify(manifest)}\n` },
      ...model.months.flatMap((month) => this.planShard(model, `shard/${month.key}`)),
    ];
  }

  /** The shard `shard/<month>`, or none when the site has no such month. */
  planShard(model: SiteModel, key: string): PlannedOutput[] {
    const month = model.months.find((m) => `shard/${m.key}` === key);
    if (!month) return [];
    const papers = month.days.flatMap((day) => day.papers);
    let text: Promise<string> | undefined;
    const shard: PlannedOutput = {
      path: route.searchShard(month.key),
      key,
      fingerprint: fingerprintData(
        `search\0${CODE_VERSION}`,
        papers.map((paper) => paper.key),
      ),
      sources: new Set(papers.map((paper) => paper.path)),
      render: () => text ?? buildSearchIndex(papers),
    };
    this.starts.set(shard, () => {
      text = this.indexInBackground(papers.map(searchDocument));
    });
    return [shard];
  }

  /** Told every output about to be rendered, before any is: starts this indexer's shards on its thread when there are enough. */
  prepare(outputs: Iterable<PlannedOutput>): void {
    const begins: (() => void)[] = [];
    for (const output of outputs) {
      const begin = this.starts.get(output);
      if (begin) begins.push(begin);
    }
    if (begins.length >= BACKGROUND_MIN_SHARDS) for (const begin of begins) begin();
  }

  private indexInBackground(documents: SearchDocument[]): Promise<string> {
    if (!this.thread) {
      const worker = new Worker(new URL("../util/worker-loader.mjs", import.meta.url), {
        workerData: { entry: new URL("./search-worker.ts", import.meta.url).href },
      });
      const pending: Pending = new Map();
      worker.on("message", ({ id, text }: { id: number; text: string }) => {
        pending.get(id)?.resolve(text);
        pending.delete(id);
      });
      worker.on("error", (error) => {
        for (const { reject } of pending.values()) reject(new Error(`internal error in the search indexer: ${error.message}, please report`));
        pending.clear();
        // The thread is gone: the next rebuild (the dev server's) starts a new one rather than waiting on it.
        if (this.thread?.worker === worker) this.thread = undefined;
      });
      this.thread = { worker, pending, next: 0 };
    }
    const { worker, pending } = this.thread;
    const id = this.thread.next++;
    this.sentToThread++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, documents });
    });
  }

  /** Ends the indexer thread, if one was started. */
  async stop(): Promise<void> {
    const running = this.thread;
    this.thread = undefined;
    await running?.worker.terminate();
  }
}
