// Sources → compiled entries, on worker threads across the cores. Markdown is
// the build's cost centre, so a cold build spreads it over every core; a small
// batch (an edit) is compiled on the main thread, where starting workers would
// cost more than it saves. While the workers start, the main thread compiles too.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { PaperSource } from "./discover.ts";
import type { PoolResult, WorkerMessage } from "./compile-worker.ts";

/** Below this many sources, workers are not worth starting. */
export const WORKER_THRESHOLD = 150;
const CHUNK = 16;

/**
 * Compiles every source (results in the same order), writing bodies into
 * `cacheDir`; without one, workers send the HTML back instead. `onProgress`
 * hears how many are done, now and then.
 */
export async function compileSources(
  sources: readonly PaperSource[],
  cacheDir: string | undefined,
  options: { threads?: number; minForWorkers?: number; onProgress?: (done: number) => void } = {},
): Promise<PoolResult[]> {
  const results: PoolResult[] = new Array(sources.length);
  if (sources.length === 0) return results;
  // The Markdown and math stack loads only when something must be compiled: a warm build never needs it.
  const { compileEntry } = await import("./compile-paper.ts");
  const threads = Math.min(options.threads ?? availableParallelism(), Math.ceil(sources.length / CHUNK));
  if (sources.length < (options.minForWorkers ?? WORKER_THRESHOLD) || threads < 1 || (threads === 1 && options.threads === undefined)) {
    sources.forEach((source, i) => {
      results[i] = compileEntry(source, cacheDir);
      if (i % CHUNK === CHUNK - 1 || i === sources.length - 1) options.onProgress?.(i + 1);
    });
    return results;
  }

  const chunks: number[] = [];
  for (let start = 0; start < sources.length; start += CHUNK) chunks.push(start);
  let next = 0;
  let readyWorkers = 0;
  const workers: Worker[] = [];

  const finished = new Promise<void>((resolve, reject) => {
    let pending = chunks.length;
    let done = 0;
    const complete = (count: number) => {
      done += count;
      options.onProgress?.(done);
      if (--pending === 0) resolve();
    };
    const feed = (worker: Worker) => {
      if (next >= chunks.length) return;
      const chunk = next++;
      const start = chunks[chunk]!;
      worker.postMessage({ chunk, sources: sources.slice(start, start + CHUNK), cacheDir });
    };
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(new URL("../util/worker-loader.mjs", import.meta.url), {
        workerData: { entry: new URL("./compile-worker.ts", import.meta.url).href },
      });
      workers.push(worker);
      worker.on("message", (message: WorkerMessage) => {
        if (message.type === "ready") {
          readyWorkers++;
          feed(worker);
        } else if (message.type === "done") {
          const start = chunks[message.chunk]!;
          message.results.forEach((result, offset) => {
            results[start + offset] = result;
          });
          complete(message.results.length);
          feed(worker);
        } else {
          reject(new Error(`internal error in a render worker: ${message.error}, please report`));
        }
      });
      worker.on("error", reject);
    }
    // The main thread compiles while the workers start up, then only coordinates.
    const workWhileStarting = () => {
      if (readyWorkers > 0 || next >= chunks.length) return;
      const chunk = next++;
      const start = chunks[chunk]!;
      const chunkSources = sources.slice(start, start + CHUNK);
      chunkSources.forEach((source, offset) => {
        results[start + offset] = compileEntry(source, cacheDir);
      });
      complete(chunkSources.length);
      setImmediate(workWhileStarting);
    };
    setImmediate(workWhileStarting);
  });

  try {
    await finished;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}
