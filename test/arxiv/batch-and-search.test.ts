// Many papers from arXiv at once, against recorded answers on 127.0.0.1: ids in
// batches (`id_list=a,b,c`), a paged search (`search_query`, `start`), and the
// politeness both keep: one request at a time, three seconds apart, every wait
// recorded through an injected sleep so nothing here waits.
import { describe, expect, it } from "vitest";
import { fetchArxivEntries, searchArxiv, searchQueryOf } from "../../scripts/arxiv/api.ts";
import { createPacer } from "../../scripts/arxiv/remote.ts";
import { RECORDED, startArxivReplay, type ReplayServer, type Reply, type SearchScript } from "../support/arxiv-replay.ts";

async function withReplay<T>(
  run: (server: ReplayServer, waits: number[]) => Promise<T>,
  replies: Record<string, Reply[]> = RECORDED,
  searches: Record<string, SearchScript> = {},
): Promise<T> {
  const server = await startArxivReplay(replies, searches);
  const waits: number[] = [];
  try {
    return await run(server, waits);
  } finally {
    await server.close();
  }
}

const recorder = (waits: number[]) => async (ms: number) => void waits.push(ms);

describe("fetchArxivEntries", () => {
  it("asks for many ids in one request and returns one outcome per id, in order", async () => {
    await withReplay(async (server, waits) => {
      const outcomes = await fetchArxivEntries([{ id: "2510.04567" }, { id: "1706.03762", version: 5 }, { id: "2509.99999" }, { id: "hep-th/9711200" }], {
        apiUrl: server.url,
        sleep: recorder(waits),
      });
      expect(server.requests).toEqual(["2510.04567,1706.03762v5,2509.99999,hep-th/9711200"]);
      expect(outcomes.map((o) => ("entry" in o ? o.entry.title : o.error.message))).toEqual([
        "BAQ: Efficient Bit Allocation Quantization for Large Language Models",
        "Attention Is All You Need",
        "arXiv has no paper 2509.99999; check the id on https://arxiv.org/abs/2509.99999",
        "The Large N Limit of Superconformal Field Theories and Supergravity",
      ]);
      expect(waits).toEqual([]);
    });
  });

  it("asks again id by id when arXiv refuses the whole batch, so only the bad id fails, three seconds apart", async () => {
    await withReplay(async (server, waits) => {
      const outcomes = await fetchArxivEntries([{ id: "1706.03762" }, { id: "0704.0000" }], { apiUrl: server.url, sleep: recorder(waits) });
      expect(server.requests).toEqual(["1706.03762,0704.0000", "1706.03762", "0704.0000"]);
      expect(outcomes.map((o) => ("entry" in o ? "ok" : o.error.message))).toEqual([
        "ok",
        "arXiv refused the lookup of 0704.0000: incorrect id format for 0704.0000",
      ]);
      expect(waits).toEqual([3000, 3000]);
    });
  });

  it("waits out a 503 on a batch, and gives every id of a batch that keeps failing the same reason", async () => {
    await withReplay(async (server, waits) => {
      const outcomes = await fetchArxivEntries([{ id: "2404.19756" }, { id: "1706.03762" }], { apiUrl: server.url, sleep: recorder(waits) });
      expect(outcomes.every((o) => "entry" in o)).toBe(true);
      expect(server.requests).toHaveLength(2);
      expect(waits).toEqual([3000]);
    });
    const busy = { ...RECORDED, "1706.03762": [{ status: 503, body: "" }] };
    await withReplay(async (server, waits) => {
      const outcomes = await fetchArxivEntries([{ id: "2510.04567" }, { id: "1706.03762" }], { apiUrl: server.url, sleep: recorder(waits) });
      expect(outcomes.map((o) => ("error" in o ? o.error.message : "ok"))).toEqual([
        "arXiv is busy (HTTP 503) and still was after 4 tries; try again in a few minutes",
        "arXiv is busy (HTTP 503) and still was after 4 tries; try again in a few minutes",
      ]);
      expect(waits).toEqual([3000, 6000, 9000]);
    }, busy);
  });

  it("sends fifty ids a request at most, the requests three seconds apart", async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `2509.${String(10000 + i)}`);
    const replies = Object.fromEntries(ids.map((id) => [id, [{ file: "empty.xml" }]]));
    await withReplay(async (server, waits) => {
      const outcomes = await fetchArxivEntries(
        ids.map((id) => ({ id })),
        { apiUrl: server.url, sleep: recorder(waits) },
      );
      expect(outcomes).toHaveLength(120);
      expect(server.requests.map((r) => r.split(",").length)).toEqual([50, 50, 20]);
      expect(waits).toEqual([3000, 3000]);
    }, replies);
  });
});

describe("searchArxiv", () => {
  const query = "cat:cs.LG AND abs:networks";
  const script: SearchScript = { ids: ["2510.04567", "2502.00042", "2404.19756", "1706.03762", "hep-th/9711200"] };

  it("pages through the results newest first, one page at a time, three seconds apart", async () => {
    await withReplay(
      async (server, waits) => {
        const result = await searchArxiv({ query, max: 30, pageSize: 2 }, { apiUrl: server.url, sleep: recorder(waits) });
        expect(result.entries.map((e) => e.id.id)).toEqual(script.ids);
        expect(result.total).toBe(5);
        expect(server.requests).toEqual([`search:${query}@0+2`, `search:${query}@2+2`, `search:${query}@4+2`]);
        expect(waits).toEqual([3000, 3000]);
      },
      RECORDED,
      { [query]: script },
    );
  });

  it("stops at --max, and at the first paper submitted before --since, asking arXiv for the dates too", async () => {
    const dated = searchQueryOf({ query, since: "2024-01-01", until: "2025-10-07", max: 30 });
    expect(dated).toBe(`(${query}) AND submittedDate:[202401010000 TO 202510072359]`);
    await withReplay(
      async (server) => {
        expect((await searchArxiv({ query, max: 3, pageSize: 2 }, { apiUrl: server.url, sleep: async () => {} })).entries).toHaveLength(3);
        expect(server.requests.at(-1)).toBe(`search:${query}@2+1`);
        // The server here ignores the dates, as a lagging index might; the client still stops at the first older paper.
        const since = await searchArxiv(
          { query, since: "2024-01-01", until: "2025-10-07", max: 30, pageSize: 2 },
          { apiUrl: server.url, sleep: async () => {} },
        );
        expect(since.entries.map((e) => e.id.id)).toEqual(["2510.04567", "2502.00042", "2404.19756"]);
      },
      RECORDED,
      { [query]: script, [dated]: script },
    );
  });

  it("waits out a 503 on a page, asks an empty page once more, and answers an empty search with nothing", async () => {
    const flaky: SearchScript = { ...script, before: { 0: [{ status: 503, headers: { "Retry-After": "5" }, file: "503.html" }], 2: [{ file: "empty.xml" }] } };
    await withReplay(
      async (server, waits) => {
        // empty.xml says totalResults 0; the script's own pages say 5: arXiv's known flakiness, one empty page mid-way.
        const result = await searchArxiv({ query, max: 30, pageSize: 2 }, { apiUrl: server.url, sleep: recorder(waits) });
        expect(result.entries).toHaveLength(5);
        expect(result.error).toBeUndefined();
        expect(waits).toEqual([5000, 3000, 3000, 3000]);
        const none = await searchArxiv({ query: "ti:nothing", max: 30 }, { apiUrl: server.url, sleep: async () => {} });
        expect(none).toEqual({ entries: [], total: 0 });
      },
      RECORDED,
      { [query]: flaky, "ti:nothing": { ids: [] } },
    );
  });

  it("fails in one line when the first page is malformed, and keeps what it has when a later page is", async () => {
    const broken: SearchScript = { ...script, before: { 0: [{ body: "<html>Service Unavailable</html>" }] } };
    await withReplay(
      async (server) => {
        await expect(searchArxiv({ query, max: 30, pageSize: 2 }, { apiUrl: server.url, sleep: async () => {} })).rejects.toThrow(
          `arXiv's answer was not an Atom feed (it began "<html>Service Unavailable</html>")`,
        );
      },
      RECORDED,
      { [query]: broken },
    );
    const later: SearchScript = { ...script, before: { 2: [{ status: 500, body: "oops" }] } };
    await withReplay(
      async (server) => {
        const result = await searchArxiv({ query, max: 30, pageSize: 2 }, { apiUrl: server.url, sleep: async () => {} });
        expect(result.entries).toHaveLength(2);
        expect(result.error?.message).toBe(`arXiv answered HTTP 500 Internal Server Error for the search "${query}"`);
      },
      RECORDED,
      { [query]: later },
    );
  });

  it("keeps its distance from the requests before it when the run shares one pacer", async () => {
    await withReplay(
      async (server, waits) => {
        const pacer = createPacer(3000);
        await fetchArxivEntries([{ id: "1706.03762" }], { apiUrl: server.url, sleep: recorder(waits), pacer });
        await searchArxiv({ query, max: 1 }, { apiUrl: server.url, sleep: recorder(waits), pacer });
        expect(waits).toEqual([3000]);
      },
      RECORDED,
      { [query]: script },
    );
  });
});
