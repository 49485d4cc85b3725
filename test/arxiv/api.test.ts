// The arXiv client against recorded responses: both Atom dialects arXiv has
// served, error entries, empty results, throttling with Retry-After, and
// network failures. Waits go through an injected sleep, so nothing here waits.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchArxivEntry, parseArxivFeed } from "../../scripts/arxiv/api.ts";
import { retryAfterMs, SourceError } from "../../scripts/arxiv/remote.ts";
import { ARXIV_FIXTURES, startArxivReplay, type ReplayServer, type Reply } from "../support/arxiv-replay.ts";

const fixture = (name: string) => readFile(path.join(ARXIV_FIXTURES, name), "utf8");

describe("parseArxivFeed", () => {
  it("reads an entry in the current dialect (namespaces declared once on the feed)", async () => {
    const { entries, error } = parseArxivFeed(await fixture("1706.03762.xml"));
    expect(error).toBeUndefined();
    expect(entries).toHaveLength(1);
    const entry = entries[0]!;
    expect(entry.id).toEqual({ id: "1706.03762", version: 7 });
    expect(entry.title).toBe("Attention Is All You Need");
    expect(entry.authors).toEqual([
      "Ashish Vaswani",
      "Noam Shazeer",
      "Niki Parmar",
      "Jakob Uszkoreit",
      "Llion Jones",
      "Aidan N. Gomez",
      "Lukasz Kaiser",
      "Illia Polosukhin",
    ]);
    expect(entry.published).toBe("2017-06-12T17:57:34Z");
    expect(entry.categories).toEqual(["cs.CL", "cs.LG"]);
    expect(entry.comment).toBe("15 pages, 5 figures");
    expect(entry.summary).toMatch(/^The dominant sequence transduction models are based on complex recurrent or\nconvolutional/);
  });

  it("reads the older dialect (namespaces on each element), with the primary category first and affiliations ignored", async () => {
    const [kan] = parseArxivFeed(await fixture("2404.19756.xml")).entries;
    expect(kan!.categories).toEqual(["cs.LG", "cond-mat.dis-nn", "cs.AI", "stat.ML"]);
    expect(kan!.authors).toContain("Marin Soljačić");
    expect(kan!.comment).toBe("Codes are available at https://github.com/KindXiaoming/pykan");
    const [maldacena] = parseArxivFeed(await fixture("hep-th-9711200.xml")).entries;
    expect(maldacena).toMatchObject({
      id: { id: "hep-th/9711200", version: 3 },
      authors: ["Juan M. Maldacena"],
      doi: "10.1023/A:1026654312961",
      journalRef: "Adv.Theor.Math.Phys.2:231-252,1998",
      comment: "20 pages, harvmac, v2: section on AdS_2 corrected, references added, v3: More references and a sign in eqn 2.8 corrected",
    });
  });

  it("decodes XML entities and keeps LaTeX and hard wraps for the text stage", async () => {
    const [entry] = parseArxivFeed(await fixture("2502.00042.xml")).entries;
    expect(entry!.summary).toContain("for all $0<\\lambda<1$");
    expect(entry!.summary).toContain("R&D budgets of <eq> tokens");
    expect(entry!.title).toBe('$\\theta$-Equivariant Attention on $\\mathbb{R}^d$: Scaling Laws and a Schr\\"odinger Bridge View');
  });

  it("returns arXiv's error message, and no entries for an empty result", async () => {
    expect(parseArxivFeed(await fixture("error.xml"))).toEqual({ entries: [], error: "incorrect id format for 0704.0000" });
    expect(parseArxivFeed(await fixture("empty.xml"))).toEqual({ entries: [], total: 0 });
  });

  it("refuses what is not an Atom feed, quoting its start", () => {
    expect(() => parseArxivFeed("Rate exceeded.")).toThrow('arXiv\'s answer was not an Atom feed (it began "Rate exceeded.")');
    expect(() => parseArxivFeed("<html><body>Service Unavailable</body></html>")).toThrow("was not an Atom feed");
    expect(() => parseArxivFeed("")).toThrow("arXiv's answer was empty");
  });
});

describe("retryAfterMs", () => {
  it("reads seconds, and an HTTP date against the response's own Date header", () => {
    expect(retryAfterMs(new Headers({ "Retry-After": "7" }))).toBe(7000);
    expect(retryAfterMs(new Headers({ "Retry-After": "Wed, 21 Oct 2015 07:28:30 GMT", Date: "Wed, 21 Oct 2015 07:28:00 GMT" }))).toBe(30_000);
    expect(retryAfterMs(new Headers({ "Retry-After": "Wed, 21 Oct 2015 07:28:30 GMT" }))).toBeUndefined();
    expect(retryAfterMs(new Headers())).toBeUndefined();
  });
});

describe("fetchArxivEntry against recorded responses", () => {
  let replay: ReplayServer;
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
  };
  beforeAll(async () => {
    replay = await startArxivReplay();
  });
  afterAll(() => replay.close());

  it("asks for the id (with its version when pinned) and returns the entry", async () => {
    const entry = await fetchArxivEntry({ id: "1706.03762", version: 5 }, { apiUrl: replay.url, sleep });
    expect(entry.title).toBe("Attention Is All You Need");
    expect(replay.requests.at(-1)).toBe("1706.03762v5");
    const old = await fetchArxivEntry({ id: "hep-th/9711200" }, { apiUrl: replay.url, sleep });
    expect(old.id.id).toBe("hep-th/9711200");
    expect(replay.requests.at(-1)).toBe("hep-th/9711200");
  });

  it("waits after a 503 as Retry-After asks, but never less than arXiv's three seconds, then succeeds", async () => {
    waits.length = 0;
    const entry = await fetchArxivEntry({ id: "2404.19756" }, { apiUrl: replay.url, sleep });
    expect(entry.title).toBe("KAN: Kolmogorov-Arnold Networks");
    expect(waits).toEqual([3000]);
  });

  it("turns an error entry, an empty result and a non-Atom answer into one-line reasons", async () => {
    await expect(fetchArxivEntry({ id: "0704.0000" }, { apiUrl: replay.url, sleep })).rejects.toThrow(
      "arXiv refused the lookup of 0704.0000: incorrect id format for 0704.0000",
    );
    await expect(fetchArxivEntry({ id: "2509.99999" }, { apiUrl: replay.url, sleep })).rejects.toThrow(
      "arXiv has no paper 2509.99999; check the id on https://arxiv.org/abs/2509.99999",
    );
    await expect(fetchArxivEntry({ id: "2509.00001" }, { apiUrl: replay.url, sleep })).rejects.toThrow(
      "arXiv answered HTTP 500 Internal Server Error for 2509.00001",
    );
  });
});

describe("fetchArxivEntry under throttling and failures", () => {
  async function withReplies(replies: Record<string, Reply[]>, run: (server: ReplayServer) => Promise<void>) {
    const server = await startArxivReplay(replies);
    try {
      await run(server);
    } finally {
      await server.close();
    }
  }

  it("honours Retry-After on each 429, a bounded number of times", async () => {
    const waits: number[] = [];
    await withReplies({ "1706.03762": [{ status: 429, headers: { "Retry-After": "7" }, body: "Rate exceeded." }] }, async (server) => {
      const failure = fetchArxivEntry({ id: "1706.03762" }, { apiUrl: server.url, retries: 3, sleep: async (ms) => void waits.push(ms) });
      await expect(failure).rejects.toThrow("arXiv is busy (HTTP 429) and still was after 4 tries; try again in a few minutes");
      expect(server.requests).toHaveLength(4);
    });
    expect(waits).toEqual([7000, 7000, 7000]);
  });

  it("backs off from three seconds when no Retry-After is given, and succeeds when arXiv recovers", async () => {
    const waits: number[] = [];
    await withReplies({ "1706.03762": [{ status: 503, body: "" }, { status: 503, body: "" }, { file: "1706.03762.xml" }] }, async (server) => {
      const entry = await fetchArxivEntry({ id: "1706.03762" }, { apiUrl: server.url, sleep: async (ms) => void waits.push(ms) });
      expect(entry.id.version).toBe(7);
    });
    expect(waits).toEqual([3000, 6000]);
  });

  it("gives up at once when arXiv asks for a longer wait than is reasonable", async () => {
    const waits: number[] = [];
    await withReplies({ "1706.03762": [{ status: 503, headers: { "Retry-After": "3600" } }] }, async (server) => {
      await expect(fetchArxivEntry({ id: "1706.03762" }, { apiUrl: server.url, sleep: async (ms) => void waits.push(ms) })).rejects.toThrow(
        "arXiv is busy (HTTP 503) and asks to wait 60 minutes; try again later",
      );
    });
    expect(waits).toEqual([]);
  });

  it("says when the answer is a different paper", async () => {
    await withReplies({ "2502.00042": [{ file: "1706.03762.xml" }] }, async (server) => {
      await expect(fetchArxivEntry({ id: "2502.00042" }, { apiUrl: server.url })).rejects.toThrow(
        "arXiv answered with a different paper (1706.03762v7) for 2502.00042",
      );
    });
  });

  it("names the host when arXiv cannot be reached at all", async () => {
    const server = await startArxivReplay({});
    const url = server.url;
    await server.close();
    const failure = fetchArxivEntry({ id: "1706.03762" }, { apiUrl: url }).catch((error: unknown) => error);
    const error = (await failure) as SourceError;
    expect(error).toBeInstanceOf(SourceError);
    expect(error.kind).toBe("network");
    expect(error.message).toMatch(/^could not reach arXiv at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)$/);
  });

  it("stops waiting for an answer after the time limit", async () => {
    const silent = createServer(() => {
      // Never answers.
    });
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      await expect(fetchArxivEntry({ id: "1706.03762" }, { apiUrl: `http://127.0.0.1:${port}/api/query`, timeoutMs: 200 })).rejects.toThrow(
        `arXiv (127.0.0.1:${port}) did not answer within 0.2 s`,
      );
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
