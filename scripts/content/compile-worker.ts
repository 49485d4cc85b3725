// A render worker thread: compiles chunks of sources it is sent and answers with
// their cache entries (bodies go straight to the cache folder rather than back over the wire).
import { parentPort } from "node:worker_threads";
import { compileEntry } from "./compile-paper.ts";
import type { PaperSource } from "./discover.ts";
import type { CompiledEntry } from "./compile-cache.ts";

/** A compiled entry, with its HTML when the main thread compiled it. */
export interface PoolResult {
  entry: CompiledEntry;
  html?: string;
}

/** Messages a render worker sends. */
export type WorkerMessage = { type: "ready" } | { type: "done"; chunk: number; results: PoolResult[] } | { type: "failed"; chunk: number; error: string };

const port = parentPort!;
port.on("message", ({ chunk, sources, cacheDir }: { chunk: number; sources: PaperSource[]; cacheDir: string | undefined }) => {
  let reply: WorkerMessage;
  try {
    // With a cache folder the HTML is already on disk: only the entry travels back.
    const results = sources.map((source) => compileEntry(source, cacheDir)).map(({ entry, html }) => (cacheDir === undefined ? { entry, html } : { entry }));
    reply = { type: "done", chunk, results };
  } catch (error) {
    reply = { type: "failed", chunk, error: (error as Error).stack ?? String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ type: "ready" } satisfies WorkerMessage);
