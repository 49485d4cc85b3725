// Hugging Face's Daily Papers client against recorded answers on 127.0.0.1: a
// day's ids in upvote order, an empty day, a busy server, an HTML page where
// JSON belongs, an item of every wrong type, an answer too large to be real.
// Waits go through an injected sleep, so nothing here waits.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchHfDay, parseHfDay } from "../../scripts/arxiv/hf-daily.ts";
import { SourceError } from "../../scripts/arxiv/remote.ts";
import { startHfReplay } from "../support/hf-replay.ts";
import type { ReplayServer } from "../support/arxiv-replay.ts";

let replay: ReplayServer;
beforeAll(async () => {
  replay = await startHfReplay();
});
afterAll(() => replay.close());

const waits: number[] = [];
const sleep = async (ms: number) => void waits.push(ms);
const day = (date: string) => fetchHfDay(date, { apiUrl: replay.url, sleep });

describe("fetchHfDay", () => {
  it("lists the day's arXiv ids, most upvoted first, asking for the date with the largest page", async () => {
    const listed = await day("2025-10-06");
    expect(listed.papers.map((p) => `${p.arxiv.id} ${p.upvotes}`)).toEqual(["2510.04567 42", "2510.05123 20", "2501.01230 12", "1706.03762 7", "2404.19756 3"]);
    expect(listed.problems).toEqual([]);
    expect(replay.requests.at(-1)).toBe("2025-10-06#0");
  });

  it("answers an empty day with no papers and no problems", async () => {
    expect(await day("2025-10-05")).toEqual({ papers: [], problems: [] });
  });

  it("waits out a 503 (at least a second, as Retry-After asks) and then reads the day", async () => {
    waits.length = 0;
    const listed = await day("2025-10-07");
    expect(listed.papers).toHaveLength(5);
    expect(waits).toEqual([1000]);
  });

  it("says in one line when the answer is a web page, and when Hugging Face refuses the date", async () => {
    await expect(day("2025-10-08")).rejects.toThrow(
      new SourceError("bad-response", `Hugging Face's answer for 2025-10-08 was not JSON (it began "<!DOCTYPE html> <html><head><title>Huggi")`),
    );
    await expect(day("2025-10-10")).rejects.toThrow("Hugging Face answered HTTP 400 Bad Request for 2025-10-10: Invalid date format, expected YYYY-MM-DD");
  });

  it("keeps what it can read of a malformed day and names each item it cannot, without echoing control characters", async () => {
    const listed = await day("2025-10-09");
    expect(listed.papers.map((p) => p.arxiv.id)).toEqual(["2510.04567"]);
    // Upvotes that are not a number count as none.
    expect(listed.papers[0]!.upvotes).toBe(0);
    expect(listed.problems).toEqual([
      "Hugging Face's item 1 for 2025-10-09 has no paper id (it has a number)",
      `Hugging Face lists "../../../etc/passwd" for 2025-10-09, which is not an arXiv id`,
      `Hugging Face lists "<script>alert(1)</script>" for 2025-10-09, which is not an arXiv id`,
      `Hugging Face lists "2510.04567?[2J" for 2025-10-09, which is not an arXiv id`,
      "Hugging Face's item 5 for 2025-10-09 has no paper id",
      "Hugging Face's item 6 for 2025-10-09 has no paper id",
      "Hugging Face's item 7 for 2025-10-09 has no paper id",
    ]);
    for (const problem of listed.problems) expect(problem).not.toMatch(/[\u0000-\u001f]/);
  });

  it("pages while a page is full, and stops when a server repeats the same page", async () => {
    const full = JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ paper: { id: `2510.${String(10000 + i)}`, upvotes: i } })));
    const server = await startHfReplay({ "2025-10-06": [{ body: full }], "2025-10-06#1": [{ body: JSON.stringify([{ paper: { id: "2510.20000" } }]) }] });
    try {
      const listed = await fetchHfDay("2025-10-06", { apiUrl: server.url, sleep });
      expect(listed.papers).toHaveLength(101);
      expect(server.requests).toEqual(["2025-10-06#0", "2025-10-06#1"]);
    } finally {
      await server.close();
    }
    const repeating = await startHfReplay({ "2025-10-06": [{ body: full }], "2025-10-06#1": [{ body: full }] });
    try {
      expect((await fetchHfDay("2025-10-06", { apiUrl: repeating.url, sleep })).papers).toHaveLength(100);
      expect(repeating.requests).toEqual(["2025-10-06#0", "2025-10-06#1"]);
    } finally {
      await repeating.close();
    }
  });

  it("refuses an answer larger than any real day, without reading it all", async () => {
    const huge = createServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      const chunk = `[${'{"paper":{"id":"2510.04567"}},'.repeat(30_000)}`;
      const write = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once("drain", write);
      };
      write();
    });
    await new Promise<void>((resolve) => huge.listen(0, "127.0.0.1", resolve));
    const { port } = huge.address() as AddressInfo;
    try {
      await expect(fetchHfDay("2025-10-06", { apiUrl: `http://127.0.0.1:${port}/api/daily_papers`, sleep })).rejects.toThrow(
        "Hugging Face's answer is larger than 16 MB, more than any real answer; it was not read",
      );
    } finally {
      huge.closeAllConnections();
      await new Promise<void>((resolve) => huge.close(() => resolve()));
    }
  });
});

describe("parseHfDay", () => {
  it("refuses JSON that is not a list, saying what it was", () => {
    expect(() => parseHfDay('{"papers": []}', "2025-10-06")).toThrow("Hugging Face's answer for 2025-10-06 was not a list of papers (it was an object)");
    expect(() => parseHfDay("", "2025-10-06")).toThrow("Hugging Face's answer for 2025-10-06 was empty");
    expect(() => parseHfDay('{"error": "Rate limited"}', "2025-10-06")).toThrow("Hugging Face refused the day 2025-10-06: Rate limited");
  });

  it("reads an id with a version, and collapses repeats only when paging", () => {
    expect(parseHfDay('[{"paper":{"id":"2510.04567v2","upvotes":3}}]', "2025-10-06").papers).toEqual([{ arxiv: { id: "2510.04567", version: 2 }, upvotes: 3 }]);
  });
});
