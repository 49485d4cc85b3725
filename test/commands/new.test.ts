// `npm run new` in process, against recorded arXiv responses on 127.0.0.1:
// what it writes, what it refuses, and that a failure leaves content/ exactly
// as it was (no file, no temporary file, no empty day folder).
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compilePaper } from "../../scripts/content/compile-paper.ts";
import { createPaper, NewPaperError, renderPaperFile, slugFromTitle, writeNewFile, type NewPaperOptions } from "../../scripts/commands/new.ts";
import { listTree } from "../../scripts/util/list-tree.ts";
import { ARXIV_FIXTURES, startArxivReplay, type ReplayServer } from "../support/arxiv-replay.ts";
import { copyFixture } from "../support/helpers.ts";

let replay: ReplayServer;
beforeAll(async () => {
  replay = await startArxivReplay();
});
afterAll(() => replay.close());

const TODAY = "2025-02-03";
const noWait = async () => {};

function add(root: string, options: Partial<NewPaperOptions> = {}) {
  return createPaper({ root, today: TODAY, arxiv: { apiUrl: replay.url, sleep: noWait }, ...options });
}

async function readPaper(root: string, file: string) {
  const text = await readFile(path.join(root, file), "utf8");
  const [, day, name] = /^content\/papers\/([^/]+)\/(.+)\.md$/.exec(file)!;
  return { text, compiled: compilePaper({ path: file, text, day: day!, slug: name! }) };
}

describe("a paper from arXiv", () => {
  it("writes title, authors, quoted id, date and tags, with the abstract as body, on today's page", async () => {
    const root = await copyFixture("basic");
    const result = await add(root, { input: "1706.03762" });
    expect(result.file).toBe(`content/papers/${TODAY}/attention-is-all-you-need.md`);
    expect(result.problems).toEqual([]);
    const { text, compiled } = await readPaper(root, result.file);
    expect(text.split("---\n")[1]).toBe(
      [
        "title: Attention Is All You Need",
        "authors:",
        ...["Ashish Vaswani", "Noam Shazeer", "Niki Parmar", "Jakob Uszkoreit", "Llion Jones", "Aidan N. Gomez", "Lukasz Kaiser", "Illia Polosukhin"].map(
          (a) => `  - ${a}`,
        ),
        'arxiv: "1706.03762"',
        "published: 2017-06-12",
        "tags:",
        "  - nlp",
        "  - machine-learning",
        "",
      ].join("\n"),
    );
    expect(text).toMatch(/\n---\nThe dominant sequence transduction models are based on complex recurrent or convolutional neural networks/);
    expect(compiled.diagnostics).toEqual([]);
    // The PDF link is made from the id by the build; the file does not repeat it.
    expect(compiled.paper!.links).toEqual({});
  });

  it("writes LaTeX titles in single quotes and decodes accented names; the file is exactly as recorded", async () => {
    const root = await copyFixture("basic");
    const result = await add(root, { input: "https://arxiv.org/abs/2502.00042", day: "2025-02-01" });
    expect(result.file).toBe("content/papers/2025-02-01/theta-equivariant-attention.md");
    const { text, compiled } = await readPaper(root, result.file);
    await expect(text).toMatchFileSnapshot(path.join(ARXIV_FIXTURES, "expected", "theta-equivariant-attention.md"));
    expect(compiled.diagnostics).toEqual([]);
    expect(compiled.paper!.title).toBe("$\\theta$-Equivariant Attention on $\\mathbb{R}^d$: Scaling Laws and a Schrödinger Bridge View");
    expect(compiled.paper!.authors).toEqual(["Zoltán Szabó", "Marin Soljačić", "Christopher Ré", "李飞飞", "Ana-Maria Creţu", "Łukasz Kaiser"]);
    expect(compiled.paper!.links.code).toBe("https://github.com/example-lab/theta_equivariant");
    expect(compiled.body!.html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">');
  });

  it("keeps every one of many authors", async () => {
    const root = await copyFixture("basic");
    const result = await add(root, { input: "arXiv:2503.00100" });
    const { compiled } = await readPaper(root, result.file);
    expect(compiled.diagnostics).toEqual([]);
    expect(compiled.paper!.authors).toHaveLength(320);
    expect(compiled.paper!.authors).toContain("Oğuz Dvořák");
    expect(compiled.paper!).toMatchObject({
      doi: "10.1103/PhysRevLett.134.000100",
      venue: "Phys. Rev. Lett. 134 (2025) 000100",
      tags: ["high-energy-physics"],
    });
  });

  it("handles an old-style id, and keeps a version only when one was given", async () => {
    const root = await copyFixture("basic");
    const old = await add(root, { input: "https://arxiv.org/pdf/hep-th/9711200v3" });
    const { text, compiled } = await readPaper(root, old.file);
    expect(text).toContain('arxiv: "hep-th/9711200v3"');
    expect(compiled.paper!).toMatchObject({ id: "hep-th/9711200", doi: "10.1023/A:1026654312961", published: "1997-11-27" });
    expect(replay.requests.at(-1)).toBe("hep-th/9711200v3");
  });

  it("waits out a 503 and writes the paper", async () => {
    const root = await copyFixture("basic");
    const result = await add(root, { input: "2404.19756", slug: "kan" });
    expect(result.file).toBe(`content/papers/${TODAY}/kan.md`);
    expect((await readPaper(root, result.file)).compiled.paper!.links.code).toBe("https://github.com/KindXiaoming/pykan");
  });
});

describe("a paper whose abstract the digest cannot render as it is", () => {
  it("is written, with the problems the check will report, so the contributor can fix them", async () => {
    const xml = (await readFile(path.join(ARXIV_FIXTURES, "1706.03762.xml"), "utf8")).replace("28.4 BLEU", "$\\bleu{28.4}$ BLEU");
    const server = await startArxivReplay({ "1706.03762": [{ body: xml, headers: { "Content-Type": "application/atom+xml" } }] });
    try {
      const root = await copyFixture("basic");
      const result = await add(root, { input: "1706.03762", arxiv: { apiUrl: server.url } });
      expect(result.problems.map((d) => `${d.file}:${d.line}: ${d.field}: ${d.message}`)).toEqual([
        `${result.file}:18: body: math "\\bleu{28.4}" cannot be rendered: Undefined control sequence: \\bleu`,
      ]);
      expect((await readPaper(root, result.file)).compiled.diagnostics).toEqual(result.problems);
    } finally {
      await server.close();
    }
  });
});

describe("slugFromTitle", () => {
  it("prefers the name before a colon, else the first words, else the id", () => {
    const id = { id: "2510.04567" };
    expect(slugFromTitle("BAQ: Efficient Bit Allocation Quantization for Large Language Models", id)).toBe("baq");
    expect(slugFromTitle("The Large N Limit of Superconformal Field Theories and Supergravity", id)).toBe("large-n-limit-of-superconformal-field");
    expect(slugFromTitle("$\\infty$-Former: Infinite Memory Transformer", id)).toBe("infty-former");
    expect(slugFromTitle("大型语言模型的量化", id)).toBe("arxiv-2510-04567");
  });
});

describe("renderPaperFile", () => {
  it("writes any title so that it reads back unchanged, quotes and backslashes included", () => {
    for (const title of ['It\'s $\\theta$: a "test"', "\\tau and \\n", "#1: [draft] {x}", "yes", "2510.04567", "- dash"]) {
      const text = renderPaperFile({ title, authors: ["A"], arxiv: "2501.00001" }, "Body.");
      const compiled = compilePaper({ path: "content/papers/2025-01-01/x.md", text, day: "2025-01-01", slug: "x" });
      expect(compiled.diagnostics, text).toEqual([]);
      expect(compiled.paper!.title).toBe(title);
    }
  });
});

describe("refusals and failures leave content/ as it was", () => {
  async function expectRefusal(options: Partial<NewPaperOptions>, message: string | RegExp, prepare?: (root: string) => Promise<void>) {
    const root = await copyFixture("basic");
    await prepare?.(root);
    const before = await listTree(path.join(root, "content"));
    const error = await add(root, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NewPaperError);
    if (typeof message === "string") expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
    expect(await listTree(path.join(root, "content"))).toEqual(before);
    return error as NewPaperError;
  }

  it("refuses a paper already in the digest on another day, in any version, without asking arXiv", async () => {
    const asked = replay.requests.length;
    await expectRefusal(
      { input: "2501.01230v1" },
      "arXiv 2501.01230 is already in the digest as content/papers/2025-01-06/attention-sinks.md (2501.01230v2); a paper is listed once, so nothing was written",
    );
    expect(replay.requests.length).toBe(asked);
  });

  it("refuses a paper whose DOI, as arXiv gives it, is already listed", async () => {
    const journal = "---\ntitle: The Large N Limit\nauthors:\n  - Juan Maldacena\ndoi: 10.1023/a:1026654312961\n---\nA summary.\n";
    await expectRefusal(
      { input: "hep-th/9711200" },
      "this paper (DOI 10.1023/A:1026654312961) is already in the digest as content/papers/2025-01-13/large-n.md; a paper is listed once, so nothing was written",
      (root) => writeFile(path.join(root, "content/papers/2025-01-13/large-n.md"), journal),
    );
  });

  it("refuses to overwrite an existing file", async () => {
    const existing = "---\ntitle: Mine\n---\n";
    const error = await expectRefusal(
      { input: "1706.03762", day: "2025-01-13", slug: "attention" },
      "content/papers/2025-01-13/attention.md already exists and was left as it is",
      (root) => writeFile(path.join(root, "content/papers/2025-01-13/attention.md"), existing),
    );
    expect(error.hint).toBe("choose another file name with --slug <name>, or another day with --day YYYY-MM-DD");
  });

  it("refuses input that is no arXiv id, an impossible day and a bad slug", async () => {
    await expectRefusal(
      { input: "2510.4567" },
      '"2510.4567" is not an arXiv id or link (expected e.g. 2510.04567, arXiv:2510.04567, https://arxiv.org/abs/2510.04567 or hep-th/9901001)',
    );
    await expectRefusal({ input: "1706.03762", day: "2025-02-30" }, "--day 2025-02-30 is not a real calendar date; write it as YYYY-MM-DD, e.g. 2025-02-03");
    await expectRefusal(
      { input: "1706.03762", slug: "My Paper" },
      '--slug "My Paper" is not a valid file name; use lowercase letters, digits and single hyphens, e.g. my-paper',
    );
    await expectRefusal({}, "give the paper's arXiv id or link, e.g. npm run new -- 2510.04567");
    await expectRefusal(
      { input: "1706.03762", arxiv: { apiUrl: "export.arxiv.org/api/query" } },
      'the arXiv API address (--api or PAPERBOY_ARXIV_API) is not usable: "export.arxiv.org/api/query" is not a URL (expected one starting with https://)',
    );
  });

  it.each([
    ["an error entry", "0704.0000", "arXiv refused the lookup of 0704.0000: incorrect id format for 0704.0000. Nothing was written."],
    ["an empty result", "2509.99999", "arXiv has no paper 2509.99999; check the id on https://arxiv.org/abs/2509.99999. Nothing was written."],
    ["a server error", "2509.00001", "arXiv answered HTTP 500 Internal Server Error for 2509.00001. Nothing was written."],
  ])("explains %s in one line and suggests the template", async (_name, input, message) => {
    const error = await expectRefusal({ input }, message);
    expect(error.hint).toBe(`to fill in the paper by hand instead: npm run new -- ${input} --manual`);
  });

  it("explains throttling that does not end, and a network failure", async () => {
    const busy = await startArxivReplay({ "1706.03762": [{ status: 429, headers: { "Retry-After": "1" }, body: "Rate exceeded." }] });
    try {
      await expectRefusal(
        { input: "1706.03762", arxiv: { apiUrl: busy.url, sleep: noWait } },
        "arXiv is busy (HTTP 429) and still was after 4 tries; try again in a few minutes. Nothing was written.",
      );
    } finally {
      await busy.close();
    }
    await expectRefusal(
      { input: "1706.03762", arxiv: { apiUrl: busy.url, sleep: noWait } },
      /^could not reach arXiv at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Nothing was written\.$/,
    );
  });

  it("writes a new file whole, and only once when several try at the same time", async () => {
    const root = await copyFixture("basic");
    const file = "content/papers/2025-03-01/race.md";
    const results = await Promise.allSettled(["one", "two", "three", "four"].map((text) => writeNewFile(root, file, text)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected"))
      expect((r as PromiseRejectedResult).reason.message).toBe(`${file} already exists and was left as it is`);
    expect(await listTree(path.join(root, "content/papers/2025-03-01"))).toEqual(["race.md"]);
    expect(["one", "two", "three", "four"]).toContain(await readFile(path.join(root, file), "utf8"));
  });
});

describe("a template to fill in by hand", () => {
  it("explains every field in comments, and fails the check, naming each field to fill in", async () => {
    const root = await copyFixture("basic");
    const result = await add(root, { manual: true, slug: "my-paper" });
    expect(result.file).toBe(`content/papers/${TODAY}/my-paper.md`);
    const { text, compiled } = await readPaper(root, result.file);
    for (const field of ["title", "authors", "arxiv", "doi", "url", "published", "venue", "tags", "links", "submitted_by", "draft"]) {
      expect(text, field).toMatch(new RegExp(`^# ${field}\\b|^# .*\\b${field}\\b.*required|^# At least one of arxiv, doi and url`, "m"));
      expect(text, field).toMatch(new RegExp(`^${field}:`, "m"));
    }
    expect(compiled.diagnostics.map((d) => `${d.line}: ${d.field}: ${d.message}`)).toEqual([
      "10: title: is missing; every paper needs a title",
      "15: authors: is missing; every paper needs its authors",
      "1: arxiv: the paper has no arxiv, doi or url; give at least one so readers can find it",
      "52: body: the paper has no summary",
    ]);
    expect(result.problems).toEqual(compiled.diagnostics);
  });

  it("fills in the arXiv id when given one, and the check then asks only for the rest", async () => {
    const root = await copyFixture("basic");
    const result = await add(root, { manual: true, input: "2510.04567v2" });
    expect(result.file).toBe(`content/papers/${TODAY}/2510-04567.md`);
    const { text, compiled } = await readPaper(root, result.file);
    expect(text).toContain('\narxiv: "2510.04567v2"\n');
    expect(compiled.diagnostics.map((d) => d.field)).toEqual(["title", "authors", "body"]);
    expect(replay.requests).not.toContain("2510.04567v2");
  });

  it("once filled in, passes", async () => {
    const root = await copyFixture("basic");
    const result = await add(root, { manual: true, slug: "filled" });
    const template = await readFile(path.join(root, result.file), "utf8");
    const filled = `${template
      .replace(/^title:$/m, "title: 'A $\\theta$ Paper'")
      .replace(/^authors:$/m, "authors:\n  - Ada Lovelace")
      .replace(/^url:$/m, "url: https://example.org/paper")}A summary in my own words.\n`;
    const compiled = compilePaper({ path: result.file, text: filled, day: TODAY, slug: "filled" });
    expect(compiled.diagnostics).toEqual([]);
  });

  it("needs a file name when there is no id", async () => {
    const root = await copyFixture("basic");
    await expect(add(root, { manual: true })).rejects.toThrow("a template needs a file name: npm run new -- --manual --slug <name> (or give the arXiv id)");
  });
});
