// The search index: what it holds, that it is deterministic, that MiniSearch
// loads it the way the search page does, and how big it gets per 1,000 papers.
import { gzipSync } from "node:zlib";
import path from "node:path";
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { buildSearchIndex, processTerm } from "../../scripts/render/search-documents.ts";
import { SearchIndexer } from "../../scripts/render/search-index.ts";
import { buildSiteModel } from "../../scripts/site/model.ts";
import { buildSite, FIXTURES, textOf } from "../support/helpers.ts";
import { syntheticConfig, syntheticPapers } from "../support/synthetic.ts";

type Stored = { id: string; title: string; authors: string[]; tags: string[]; day: string; match: Record<string, string[]> };

/** Loads index shards exactly as templates/assets/search.js does, and searches them all. */
function load(...texts: string[]) {
  const indexes = texts.map((text) => {
    const data = JSON.parse(text);
    return MiniSearch.loadJS(data.index, {
      fields: data.fields,
      storeFields: data.storeFields,
      processTerm,
      searchOptions: { prefix: true, fuzzy: 0.2, combineWith: "AND" },
    });
  });
  const search = (query: string) =>
    indexes.flatMap((index) => index.search(query)).sort((a, b) => b.score - a.score || (a.day < b.day ? 1 : a.day > b.day ? -1 : 0)) as unknown as Stored[];
  /** What search.js does with an arXiv id: the stored fields of the document whose id is that paper's route. */
  const byRoute = (route: string) => indexes.map((index) => index.getStoredFields(route)).find(Boolean);
  return Object.assign(search, { byRoute });
}

describe("the search index of the fixture site", async () => {
  const result = await buildSite(path.join(FIXTURES, "basic"));
  const manifest = JSON.parse(textOf(result, "assets/search/index.json")) as { version: number; shards: { file: string; papers: number }[] };
  const text = manifest.shards.map((shard) => textOf(result, shard.file)).join("\n");
  const search = load(...manifest.shards.map((shard) => textOf(result, shard.file)));

  it("lists one shard per month of listings, newest first, with its paper count", () => {
    expect(manifest).toEqual({ version: 2, shards: [{ file: "assets/search/2025-01.json", papers: 5 }] });
  });

  it("finds papers by title, author, tag and summary, and points at their pages", () => {
    expect(search("dualities").map((r) => r.id)).toEqual(["papers/hep-th/9901001/"]);
    expect(search("Turing").map((r) => r.id)).toEqual(["papers/2501.01230/"]);
    expect(search("multilingual").map((r) => r.id)).toContain("papers/2412.00010/");
    expect(search("sink tokens").map((r) => r.id)).toEqual(["papers/2501.01230/"]);
    expect(search("riemann primes").map((r) => r.id)).toEqual(["papers/zeta-functions/"]);
  });

  it("stores what a result shows (title, authors, tags, day) but not the summary, which is only indexed", () => {
    const [hit] = search("Maldacena");
    expect(hit).toMatchObject({ title: "String Dualities Revisited", authors: ["Juan Maldacena"], tags: ["physics", "theory"], day: "2025-01-07" });
    expect(search("archive prefix")[0]!.match).toEqual({ archive: ["text"], prefix: ["text"] });
    expect(text).not.toContain("old-style arXiv identifier");
  });

  it("keys every paper by its page's route, which holds its versionless arXiv id: search.js finds an id with no index of its own", () => {
    expect(search.byRoute("papers/2501.01230/")).toMatchObject({ title: "Attention Sinks at $O(n)$ Cost", day: "2025-01-06" });
    expect(search.byRoute("papers/hep-th/9901001/")).toMatchObject({ title: "String Dualities Revisited" });
    expect(search.byRoute("papers/2501.01230v2/")).toBeUndefined();
    // The id is not indexed as words: its digits would weigh on every shard for what the route gives for free.
    expect(search("2501.01230")).toEqual([]);
  });

  it("leaves out stop words, so they neither bloat the index nor narrow a search", () => {
    expect(JSON.parse(textOf(result, "assets/search/2025-01.json")).index.index.map((entry: [string]) => entry[0])).not.toContain("the");
    expect(search("the dualities").map((r) => r.id)).toEqual(["papers/hep-th/9901001/"]);
  });

  it("folds accents and case, so 'nunez' finds José Ñúñez", () => {
    expect(search("nunez").map((r) => r.id)).toEqual(["papers/2412.00010/"]);
    expect(search("ŁUKASZ").map((r) => r.id)).toEqual(["papers/2412.00010/"]);
    expect(processTerm("$O")).toBe("o");
    expect(processTerm("Ñúñez")).toBe("nunez");
  });

  it("finds 'csordas' in Róbert Csordás, and a tag by its name", () => {
    const [paper, other] = syntheticPapers(2);
    const find = load(
      buildSearchIndex([
        { ...paper!, authors: ["Róbert Csordás", "Kazuki Irie"], tags: ["mixture-of-experts"] },
        { ...other!, authors: ["Ada Lovelace"], tags: ["vision"] },
      ]),
    );
    expect(find("csordas").map((r) => r.id)).toEqual([`papers/${paper!.id}/`]);
    expect(find("mixture-of-experts").map((r) => r.id)).toContain(`papers/${paper!.id}/`);
    expect(find("vision")[0]!.id).toBe(`papers/${other!.id}/`);
  });

  it("leaves drafts out", () => {
    expect(search("unfinished")).toEqual([]);
  });

  it("is the same bytes for the same papers", () => {
    const papers = syntheticPapers(50);
    const again = syntheticPapers(50);
    expect(buildSearchIndex(papers)).toBe(buildSearchIndex(papers));
    expect(buildSearchIndex(again)).toBe(buildSearchIndex(papers));
  });
});

describe("the search index's size", () => {
  // Reproduce the figure in docs/performance.md ("The search index") with: npx vitest run test/render/search-index.test.ts
  it("stays under 1.2 MB raw and 330 KB gzipped per 1,000 papers", () => {
    const papers = syntheticPapers(1000);
    const text = buildSearchIndex(papers);
    const raw = Buffer.byteLength(text);
    const gzipped = gzipSync(text, { level: 9 }).length;
    console.log(`search index for 1,000 synthetic papers: ${raw} bytes raw, ${gzipped} bytes gzipped`);
    expect(raw).toBeLessThan(1_200_000);
    expect(gzipped).toBeLessThan(330_000);
  });
});

describe("indexing the shards", () => {
  const papers = syntheticPapers(70, { perDay: 1, firstDay: "2025-01-01" });
  const model = buildSiteModel(syntheticConfig(), papers);
  const monthPapers = (file: string) => model.months.find((m) => file.endsWith(`${m.key}.json`))!.days.flatMap((d) => d.papers);
  const expected = (file: string) => buildSearchIndex(monthPapers(file));

  it("sends many shards to the indexer thread, which gives the same bytes as the main thread", async () => {
    const indexer = new SearchIndexer();
    const shards = indexer.plan(model).slice(1);
    expect(shards.length).toBe(3);
    try {
      indexer.prepare(shards);
      const texts = await Promise.all(shards.map((shard) => shard.render()));
      expect(indexer.sentToThread).toBe(3);
      shards.forEach((shard, i) => {
        expect(texts[i]).toBe(expected(shard.path));
      });
    } finally {
      await indexer.stop();
    }
  });

  it("indexes an edit's one or two shards on the main thread, where starting a thread would cost more", async () => {
    const indexer = new SearchIndexer();
    const [, shard] = indexer.plan(model);
    indexer.prepare([shard!]);
    expect(await shard!.render()).toBe(expected(shard!.path));
    expect(indexer.sentToThread).toBe(0);
    await indexer.stop();
  });
});
