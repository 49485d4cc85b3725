// Bulk `npm run new` in process, against recorded arXiv and Hugging Face
// answers on 127.0.0.1: several ids, a Hugging Face day (with a paper already
// in the digest), a paged search, the configuration's filters, a dry run, an
// interrupted run, and hostile answers, which never produce a file that
// `npm run check` refuses. Nothing here waits: sleeps are injected.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importPapers, type ImportEvent, type ImportRequest } from "../../scripts/commands/import-papers.ts";
import { checkContent } from "../../scripts/commands/check.ts";
import { compilePaper } from "../../scripts/content/compile-paper.ts";
import { listTree } from "../../scripts/util/list-tree.ts";
import { ARXIV_FIXTURES, RECORDED, startArxivReplay, type ReplayServer, type Reply } from "../support/arxiv-replay.ts";
import { startHfReplay } from "../support/hf-replay.ts";
import { buildSite, copyFixture, findExecutable, textOf } from "../support/helpers.ts";

let arxiv: ReplayServer;
let hf: ReplayServer;
beforeAll(async () => {
  arxiv = await startArxivReplay(RECORDED, {
    "cat:cs.LG AND abs:networks": { ids: ["2510.04567", "2502.00042", "2404.19756", "1706.03762"] },
  });
  hf = await startHfReplay();
});
afterAll(async () => {
  await arxiv.close();
  await hf.close();
});

const noWait = async () => {};

/** Runs an import on `root`, collecting its events as the lines `new` would print. */
async function run(root: string, request: Partial<ImportRequest> = {}, server = arxiv) {
  const events: ImportEvent[] = [];
  const summary = await importPapers({
    root,
    day: "2025-10-07",
    arxiv: { apiUrl: server.url, sleep: noWait },
    hf: { apiUrl: hf.url, sleep: noWait },
    report: (event) => events.push(event),
    ...request,
  });
  const lines = events.map((e) =>
    e.kind === "written" ? `wrote ${e.file}` : e.kind === "listed" ? `listed ${e.source}: ${e.count}` : `${e.kind} ${e.label}: ${e.reason}`,
  );
  return { summary, lines, events };
}

/** Every file under content/ (temporary files included), to compare before and after. */
const contentOf = (root: string) => listTree(path.join(root, "content"));

async function expectValid(root: string, files: string[]) {
  for (const file of files) {
    const [, day, slug] = /^content\/papers\/([^/]+)\/(.+)\.md$/.exec(file)!;
    expect(compilePaper({ path: file, text: await readFile(path.join(root, file), "utf8"), day: day!, slug: slug! }).diagnostics, file).toEqual([]);
  }
  expect((await checkContent(root, [], {})).diagnostics).toEqual([]);
}

describe("several ids", () => {
  it("writes each paper, skips one already in the digest in another version, and names the one arXiv does not have", async () => {
    const root = await copyFixture("basic");
    const { summary, lines } = await run(root, {
      ids: [{ id: "2510.04567" }, { id: "2501.01230", version: 1 }, { id: "hep-th/9711200" }, { id: "2509.99999" }, { id: "2510.04567" }],
    });
    expect(lines).toEqual([
      "skipped 2501.01230v1: already in the digest as content/papers/2025-01-06/attention-sinks.md",
      "wrote content/papers/2025-10-07/baq.md",
      "wrote content/papers/2025-10-07/large-n-limit-of-superconformal-field.md",
      "failed 2509.99999: arXiv has no paper 2509.99999; check the id on https://arxiv.org/abs/2509.99999",
    ]);
    expect(summary).toEqual({
      written: ["content/papers/2025-10-07/baq.md", "content/papers/2025-10-07/large-n-limit-of-superconformal-field.md"],
      skipped: 1,
      failed: 1,
      interrupted: false,
    });
    // One request for the batch: the duplicate id and the paper already listed were never asked for.
    expect(arxiv.requests.at(-1)).toBe("2510.04567,hep-th/9711200,2509.99999");
    await expectValid(root, summary.written);
    expect(await readFile(path.join(root, summary.written[0]!), "utf8")).toContain("  - José Ramírez\n");
  });

  it("is never filtered: ids typed by name are taken as asked", async () => {
    const root = await copyFixture("basic");
    const { summary } = await run(root, {
      ids: [{ id: "2510.05123" }],
      filters: { categories: ["hep-th"], keywords: ["nothing"], excludeKeywords: ["pruning"], maxPerDay: 1 },
    });
    expect(summary.written).toEqual(["content/papers/2025-10-07/pruning-vision-transformers-without-retraining.md"]);
  });
});

describe("a Hugging Face day", () => {
  it("writes the day's papers on that day, most upvoted first, skipping one already in the digest and waiting out arXiv's 503", async () => {
    const root = await copyFixture("basic");
    const { summary, lines } = await run(root, { hfDay: "2025-10-06" });
    expect(lines).toEqual([
      "listed Hugging Face (2025-10-06): 5",
      "skipped 2501.01230: already in the digest as content/papers/2025-01-06/attention-sinks.md",
      "wrote content/papers/2025-10-06/baq.md",
      "wrote content/papers/2025-10-06/pruning-vision-transformers-without-retraining.md",
      "wrote content/papers/2025-10-06/attention-is-all-you-need.md",
      "wrote content/papers/2025-10-06/kan.md",
    ]);
    expect(summary.failed).toBe(0);
    await expectValid(root, summary.written);
  });

  it("applies the configuration's filters and its maximum per day, naming the setting that left each paper out", async () => {
    const root = await copyFixture("basic");
    const { summary, lines } = await run(root, {
      hfDay: "2025-10-06",
      filters: {
        categories: ["cs.LG", "cs.CV"],
        keywords: ["quantization", "pruning", "attention", "networks"],
        excludeKeywords: ["translation"],
        maxPerDay: 2,
      },
    });
    expect(lines.slice(2)).toEqual([
      "wrote content/papers/2025-10-06/baq.md",
      "wrote content/papers/2025-10-06/pruning-vision-transformers-without-retraining.md",
      'skipped 1706.03762: it mentions "translation", one of import.exclude_keywords',
      "skipped 2404.19756: 2025-10-06 already has 2 papers, import.max_per_day",
    ]);
    expect(summary.written).toHaveLength(2);
  });

  it("counts papers already on the day against the maximum", async () => {
    const root = await copyFixture("basic");
    const { summary, lines } = await run(root, {
      hfDay: "2025-10-06",
      day: "2025-01-06",
      dayForAll: true,
      filters: { categories: [], keywords: [], excludeKeywords: [], maxPerDay: 3 },
    });
    expect(summary.written).toEqual(["content/papers/2025-01-06/baq.md"]);
    expect(lines).toContain("skipped 2510.05123: 2025-01-06 already has 3 papers, import.max_per_day");
  });

  it("writes nothing for an empty day and reports no failure", async () => {
    const root = await copyFixture("basic");
    const before = await contentOf(root);
    const { summary, lines } = await run(root, { hfDay: "2025-10-05" });
    expect(lines).toEqual(["listed Hugging Face (2025-10-05): 0"]);
    expect(summary).toEqual({ written: [], skipped: 0, failed: 0, interrupted: false });
    expect(await contentOf(root)).toEqual(before);
  });

  it("fails in one line naming the source when the answer is not a list of papers, and writes nothing", async () => {
    const root = await copyFixture("basic");
    const before = await contentOf(root);
    const { summary, lines } = await run(root, { hfDay: "2025-10-08" });
    expect(lines).toEqual([
      `failed Hugging Face (2025-10-08): Hugging Face's answer for 2025-10-08 was not JSON (it began "<!DOCTYPE html> <html><head><title>Huggi")`,
    ]);
    expect(summary.failed).toBe(1);
    expect(await contentOf(root)).toEqual(before);
  });

  it("imports what it can of a day of wrong types and hostile ids, one line for each item it cannot read", async () => {
    const root = await copyFixture("basic");
    const { summary, lines } = await run(root, { hfDay: "2025-10-09" });
    expect(summary.written).toEqual(["content/papers/2025-10-09/baq.md"]);
    expect(summary.failed).toBe(7);
    expect(lines.filter((l) => l.startsWith("failed"))).toContain(
      'failed Hugging Face (2025-10-09): Hugging Face lists "<script>alert(1)</script>" for 2025-10-09, which is not an arXiv id',
    );
    // Hugging Face's own title and authors ("<b>BAQ</b> with @everyone", "@octocat") never reach the file: arXiv's do.
    const text = await readFile(path.join(root, summary.written[0]!), "utf8");
    expect(text).toContain("title: 'BAQ: Efficient Bit Allocation Quantization for Large Language Models'");
    expect(text).not.toContain("@");
    await expectValid(root, summary.written);
  });
});

describe("an arXiv search", () => {
  it("pages politely through the results, three seconds apart, and writes them on the day given", async () => {
    const root = await copyFixture("basic");
    const waits: number[] = [];
    const asked = arxiv.requests.length;
    const { summary, lines } = await run(root, {
      search: { query: "cat:cs.LG AND abs:networks", until: "2025-10-07", max: 30 },
      arxiv: { apiUrl: arxiv.url, sleep: async (ms) => void waits.push(ms) },
    });
    expect(lines[0]).toBe('listed arXiv search "cat:cs.LG AND abs:networks": 4');
    expect(summary.written).toEqual([
      "content/papers/2025-10-07/baq.md",
      "content/papers/2025-10-07/theta-equivariant-attention.md",
      "content/papers/2025-10-07/kan.md",
      "content/papers/2025-10-07/attention-is-all-you-need.md",
    ]);
    // The search's own entries are written: no second request per paper.
    expect(arxiv.requests.slice(asked)).toEqual(["search:cat:cs.LG AND abs:networks@0+30"]);
    expect(waits).toEqual([]);
    await expectValid(root, summary.written);
  });
});

describe("a dry run", () => {
  it("decides everything a real run would, with the same names, and writes nothing", async () => {
    const root = await copyFixture("basic");
    const before = await contentOf(root);
    const dry = await run(root, { hfDay: "2025-10-06", dryRun: true });
    expect(await contentOf(root)).toEqual(before);
    const real = await run(root, { hfDay: "2025-10-06" });
    expect(dry.lines).toEqual(real.lines);
    expect(dry.events.filter((e) => e.kind === "written").every((e) => e.kind === "written" && e.dryRun)).toBe(true);
  });
});

describe("an interrupted run", () => {
  it("stops between two files: every file it leaves is whole, and no temporary file remains", async () => {
    const root = await copyFixture("basic");
    const stop = new AbortController();
    const { summary } = await run(root, {
      hfDay: "2025-10-06",
      signal: stop.signal,
      report: (event) => {
        if (event.kind === "written") stop.abort();
      },
    });
    expect(summary.interrupted).toBe(true);
    expect(summary.written).toEqual(["content/papers/2025-10-06/baq.md"]);
    expect((await contentOf(root)).filter((f) => f.includes("2025-10-06"))).toEqual(["papers/2025-10-06/baq.md"]);
    await expectValid(root, summary.written);
  });

  it("stops a request under way without writing anything", async () => {
    const slow = await startArxivReplay({ ...RECORDED, "2510.04567": [{ file: "2510.04567.xml", delayMs: 30_000 }] });
    try {
      const root = await copyFixture("basic");
      const before = await contentOf(root);
      const stop = new AbortController();
      setTimeout(() => stop.abort(), 100);
      const { summary } = await run(root, { ids: [{ id: "2510.04567" }], signal: stop.signal }, slow);
      expect(summary).toEqual({ written: [], skipped: 0, failed: 0, interrupted: true });
      expect(await contentOf(root)).toEqual(before);
    } finally {
      await slow.close();
    }
  });
});

describe("ids to skip", () => {
  it("skips ids listed as handled already, in any version", async () => {
    const root = await copyFixture("basic");
    const { summary, lines } = await run(root, { hfDay: "2025-10-06", skip: new Set(["2510.04567", "1706.03762"]) });
    expect(lines).toContain("skipped 2510.04567: listed among the ids to skip");
    expect(summary.written).toHaveLength(2);
  });
});

describe("names", () => {
  it("gives a second paper whose title makes the same name the id appended", async () => {
    const root = await copyFixture("basic");
    await writeFile(
      path.join(root, "content/papers/2025-01-13/baq.md"),
      "---\ntitle: 'BAQ: Another'\nauthors:\n  - A\nurl: https://example.org/baq\n---\nA summary.\n",
    );
    const { summary } = await run(root, { ids: [{ id: "2510.04567" }], day: "2025-01-13" });
    expect(summary.written).toEqual(["content/papers/2025-01-13/baq-2510-04567.md"]);
    await expectValid(root, summary.written);
  });
});

/** Serves each entry of a recorded multi-entry answer as that id's answer, so the replay batches them like any other. */
async function hostileReplies(): Promise<Record<string, Reply[]>> {
  const xml = await readFile(path.join(ARXIV_FIXTURES, "hostile.xml"), "utf8");
  const head = xml.slice(0, xml.indexOf("<entry>"));
  const replies: Record<string, Reply[]> = {};
  for (const entry of xml.match(/<entry>[\s\S]*?<\/entry>/g)!) {
    const id = /<id>http:\/\/arxiv\.org\/abs\/([^<]+?)v\d+<\/id>/.exec(entry)![1]!;
    replies[id] = [{ body: `${head}${entry}\n</feed>\n` }];
  }
  return replies;
}

describe("hostile answers from arXiv", () => {
  it("never produce a file that check refuses: each is written as safe text or refused in one line", async () => {
    const replies = await hostileReplies();
    const huge = (id: string, authors: number, summary: string) =>
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/${id}v1</id><title>Huge</title><summary>${summary}</summary><published>2025-10-06T00:00:00Z</published>${"<author><name>Author Name</name></author>".repeat(authors)}</entry></feed>`;
    replies["2510.06007"] = [{ body: huge("2510.06007", 6000, "Short.") }];
    replies["2510.06008"] = [{ body: huge("2510.06008", 1, "word ".repeat(40_000)) }];
    // Raw control characters, which a lenient parser lets through: a bell in a name, an escape sequence in a title.
    replies["2510.06009"] = [{ body: huge("2510.06009", 1, "Short.").replace("<name>Author Name</name>", "<name>Bell\u0007 Ringer</name>") }];
    replies["2510.06010"] = [{ body: huge("2510.06010", 1, "Short.").replace("<title>Huge</title>", "<title>Clear \u001b[2J Screen</title>") }];
    const server = await startArxivReplay(replies);
    try {
      const root = await copyFixture("basic");
      const ids = Object.keys(replies).map((id) => ({ id }));
      const { summary, lines } = await run(root, { ids }, server);
      expect(summary.written.length + summary.failed).toBe(ids.length);
      // The check's own words follow "would not pass the check:"; what matters here is which field, and that nothing was written.
      const refusal = (id: string, field: string) =>
        new RegExp(`^failed ${id}: what arXiv sent would not pass the check: ${field}: .+; add it by hand: npm run new -- ${id} --manual$`);
      const failed = lines.filter((l) => l.startsWith("failed"));
      expect(failed).toHaveLength(7);
      expect(failed[0]).toMatch(refusal("2510.06002", "title"));
      expect(failed[0]).toContain("U+202E");
      expect(failed[1]).toMatch(refusal("2510.06003", "title"));
      expect(failed[2]).toBe(
        'failed 2510.06004: what arXiv sent would not pass the check: body: math "\\notamacro{x} = 1" cannot be rendered: Undefined control sequence: \\notamacro; add it by hand: npm run new -- 2510.06004 --manual',
      );
      expect(failed[3]).toMatch(refusal("2510.06007", "authors"));
      expect(failed[4]).toBe(
        "failed 2510.06008: what arXiv sent would make a 196 KB file, more than the 100 KB a paper file may be; add it by hand: npm run new -- 2510.06008 --manual",
      );
      expect(failed[5]).toBe(
        "failed 2510.06009: what arXiv sent has the control character U+0007 in authors.0, which pages and feeds cannot carry; add it by hand: npm run new -- 2510.06009 --manual",
      );
      expect(failed[6]).toBe(
        "failed 2510.06010: what arXiv sent has the control character U+001B in title, which pages and feeds cannot carry; add it by hand: npm run new -- 2510.06010 --manual",
      );
      expect(summary.written.map((f) => path.basename(f))).toEqual(["script-alert-title-script-attention-amp.md", "control-characters.md", "title.md"]);
      // Character references XML forbids (&#x7;) are dropped by the parser; nothing invisible reaches the file.
      expect(await readFile(path.join(root, summary.written[1]!), "utf8")).toMatch(/^ {2}- Victor$/m);
      for (const line of lines) expect(line).not.toMatch(/[\u0000-\u001f\u202a-\u202e]/);
      await expectValid(root, summary.written);

      // What was written shows as text: no markup from arXiv runs, no link leaves http(s).
      const built = await buildSite(root);
      expect(built.diagnostics).toEqual([]);
      const page = textOf(built, "papers/2510.06001/index.html");
      expect(page).toContain("&lt;script&gt;alert(");
      // Parsed as a browser would: the paper's header and summary hold no element that runs code, no javascript: link.
      const content = page.slice(page.indexOf("<main"), page.indexOf("</main>"));
      expect(content).toContain("onerror=alert(1)");
      expect(findExecutable(content)).toEqual([]);
      const injected = textOf(built, "papers/2510.06006/index.html");
      expect(injected).toContain("--- title: &quot;Injected&quot; --- \\n \\t #not-a-comment: [yaml]");
    } finally {
      await server.close();
    }
  });

  it("whatever the title, abstract and names, the paper is written valid or refused with nothing left behind (property)", async () => {
    const root = await copyFixture("basic");
    const before = await contentOf(root);
    const text = fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 80 }),
      fc.string({ unit: "binary", maxLength: 80 }),
      fc.constantFrom(
        "<script>alert(1)</script>",
        "$\\frac{a}{",
        "\\(x\\)",
        "---",
        "@everyone",
        "[x](javascript:alert(1))",
        "\u202E",
        "\u0000",
        "&#x1b;",
        "'\"\\",
        "{{x}}",
        "# heading",
        "1. list",
      ),
    );
    const xmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(text, { minLength: 1, maxLength: 4 }),
        text,
        fc.array(text, { minLength: 1, maxLength: 3 }),
        async (titleParts, summary, authors) => {
          const id = `2510.${String(20000 + n++)}`;
          const body = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/${id}v1</id><title>${xmlText(titleParts.join(" "))}</title><summary>${xmlText(summary)}</summary><published>2025-10-06T00:00:00Z</published>${authors.map((a) => `<author><name>${xmlText(a)}</name></author>`).join("")}</entry></feed>`;
          const fetchStub = (async () => new Response(body, { headers: { "Content-Type": "application/atom+xml" } })) as typeof fetch;
          const { summary: result, lines } = await run(root, { ids: [{ id }], day: "2025-10-20", arxiv: { fetch: fetchStub, sleep: noWait } });
          expect(lines.length).toBe(1);
          expect(lines[0]).not.toMatch(/\n/);
          for (const file of result.written) {
            const written = await readFile(path.join(root, file), "utf8");
            const slug = path.basename(file, ".md");
            expect(compilePaper({ path: file, text: written, day: "2025-10-20", slug }).diagnostics).toEqual([]);
          }
        },
      ),
      { numRuns: 80, seed: 20251006 },
    );
    // Whatever was written passes the whole check, duplicates and all; the rest left nothing behind.
    expect((await checkContent(root, [], {})).diagnostics).toEqual([]);
    expect((await contentOf(root)).filter((f) => !before.includes(f)).every((f) => /^papers\/2025-10-20\/[a-z0-9-]+\.md$/.test(f))).toBe(true);
  });
});
