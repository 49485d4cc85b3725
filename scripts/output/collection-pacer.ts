// Rendering a large site makes gigabytes of short-lived page strings, and V8
// collects large strings late, so the heap would swell to several times what
// the build holds. A full collection after every 128 MB of output (or the live
// heap's size, when larger) keeps the peak near the live set, and the cost
// stays linear: a larger site collects less often.

const MIN_COLLECT_AFTER_BYTES = 128 * 1024 * 1024;

/** Counts rendered bytes and runs a full collection when enough have gone by. */
export class CollectionPacer {
  private collectAfterBytes = MIN_COLLECT_AFTER_BYTES;
  private renderedSinceCollect = 0;

  /** `collect` is V8's `gc`, which only the entry point can expose (`exposeCollector` in util/gc.ts). */
  constructor(private readonly collect: () => void) {}

  /** Notes `bytes` more of output; collects when the threshold is passed. */
  rendered(bytes: number): void {
    this.renderedSinceCollect += bytes;
    if (this.renderedSinceCollect <= this.collectAfterBytes) return;
    this.renderedSinceCollect = 0;
    this.collect();
    this.collectAfterBytes = Math.max(MIN_COLLECT_AFTER_BYTES, process.memoryUsage().heapUsed);
  }
}
