// Worker threads are started from URL strings the compiler does not check
// (`new URL("../util/worker-loader.mjs", import.meta.url)`): a moved or renamed file
// would only fail at run time, on a build large enough to use the worker. These
// tests force both workers on small inputs, so a broken entry point fails here.
import { describe, expect, it } from "vitest";
import { writeCorpus } from "../../scripts/commands/bench/corpus.ts";
import { compileEntry } from "../../scripts/content/compile-paper.ts";
import { discoverPapers } from "../../scripts/content/discover.ts";
import { compileSources } from "../../scripts/content/compile-pool.ts";
import { buildSearchIndex } from "../../scripts/render/search-documents.ts";
import { SearchIndexer } from "../../scripts/render/search-index.ts";
import { buildSiteModel } from "../../scripts/site/model.ts";
import { tempDir } from "../support/helpers.ts";
import { syntheticBodies, syntheticBodyStore, syntheticConfig, syntheticPapers } from "../support/synthetic.ts";

describe("worker threads", () => {
  it("the render workers compile exactly what the main thread compiles", async () => {
    const root = await tempDir();
    await writeCorpus(root, 40);
    const { sources } = await discoverPapers(root);
    const parallel = await compileSources(sources, undefined, { threads: 2, minForWorkers: 0 });
    const serial = sources.map((source) => compileEntry(source, undefined));
    expect(parallel.map((r) => r.entry)).toEqual(serial.map((r) => r.entry));
    expect(parallel.map((r) => r.html)).toEqual(serial.map((r) => r.html));
  });

  it("the search indexer thread indexes shards exactly as the main thread does", async () => {
    // Three months of papers: enough shards for the indexer thread to start.
    const papers = syntheticPapers(90, { perDay: 1, firstDay: "2025-01-01" });
    const model = buildSiteModel(syntheticConfig(), papers);
    expect(model.months.length).toBeGreaterThanOrEqual(3);
    const indexer = new SearchIndexer();
    const [, ...shards] = indexer.plan(model, syntheticBodyStore(papers));
    try {
      indexer.prepare(shards);
      for (const [index, shard] of shards.entries()) {
        const month = model.months[index]!.days.flatMap((day) => day.papers);
        expect(await shard.render()).toBe(buildSearchIndex(month, syntheticBodies(month)));
      }
      // A thread that failed to start would have rejected the renders above; every shard went to it.
      expect(indexer.sentToThread).toBe(shards.length);
    } finally {
      await indexer.stop();
    }
  });
});
