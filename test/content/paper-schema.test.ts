// Front matter and schema: what a contributor can write, and what they are told.
import { describe, expect, it } from "vitest";
import { compilePaper } from "../../scripts/content/compile-paper.ts";
import { parseFrontMatter } from "../../scripts/content/front-matter.ts";
import { validatePaper } from "../../scripts/content/paper-schema.ts";
import { paperFile } from "../support/helpers.ts";

const source = (text: string) => ({ path: "content/papers/2025-10-06/x.md", day: "2025-10-06", slug: "x", text });

describe("front matter", () => {
  it("reads a file with a byte-order mark and CRLF line ends, keeping line numbers", () => {
    const text = '\uFEFF---\r\ntitle: T\r\nauthors:\r\n  - A\r\narxiv: "2501.00001"\r\n---\r\nBody line.\r\n';
    const { entry, diagnostics } = parseFrontMatter(source(text));
    expect(diagnostics).toEqual([]);
    expect(entry!.data).toEqual({ title: "T", authors: ["A"], arxiv: "2501.00001" });
    expect(entry!.body).toBe("Body line.\n");
    expect(entry!.bodyLine).toBe(7);
    expect(entry!.lines).toMatchObject({ title: 2, authors: 3, "authors.0": 4, arxiv: 5 });
  });

  it("keeps the digits of an unquoted arXiv id exactly as typed", () => {
    const { entry } = parseFrontMatter(source(paperFile({ arxiv: "arxiv: 2510.04560" })));
    expect(entry!.data.arxiv).toBe("2510.04560");
  });

  it("keeps dates as calendar dates, never Date objects", () => {
    const { entry } = parseFrontMatter(source(paperFile({ published: "published: 2025-10-03" })));
    expect(entry!.data.published).toBe("2025-10-03");
  });

  it("refuses JavaScript front matter, which gray-matter would evaluate", () => {
    (globalThis as { pwned?: boolean }).pwned = false;
    const { entry, diagnostics } = parseFrontMatter(source("---js\n{ title: (globalThis.pwned = true) }\n---\nBody\n"));
    expect(entry).toBeUndefined();
    expect(diagnostics[0]!.rule).toBe("front-matter/not-yaml");
    expect((globalThis as { pwned?: boolean }).pwned).toBe(false);
  });

  it("treats an empty field as absent", () => {
    const { entry } = parseFrontMatter(source(paperFile({ doi: "doi:" })));
    expect("doi" in entry!.data).toBe(false);
  });
});

describe("paper schema", () => {
  const validate = (text: string) => {
    const { entry } = parseFrontMatter(source(text));
    return validatePaper(entry!);
  };

  it("accepts every field", () => {
    const { meta, diagnostics } = validate(
      paperFile({
        arxiv: "arxiv: 2510.04567v2",
        doi: "doi: 10.1145/3292500.3330701",
        url: "url: https://example.org/paper",
        published: "published: 2025-10-03",
        venue: "venue: NeurIPS 2024",
        tags: "tags:\n  - llm\n  - efficiency",
        links:
          "links:\n  code: https://github.com/o/r\n  model: https://huggingface.co/o/m\n  dataset: https://huggingface.co/datasets/o/d\n  demo: http://example.org/demo",
        submitted_by: "submitted_by: octocat",
        draft: "draft: false",
      }),
    );
    expect(diagnostics).toEqual([]);
    expect(meta).toEqual({
      title: "A Valid Paper",
      authors: ["Ada Lovelace"],
      arxiv: { id: "2510.04567", version: 2 },
      doi: "10.1145/3292500.3330701",
      url: "https://example.org/paper",
      published: "2025-10-03",
      venue: "NeurIPS 2024",
      tags: ["llm", "efficiency"],
      links: {
        code: "https://github.com/o/r",
        model: "https://huggingface.co/o/m",
        dataset: "https://huggingface.co/datasets/o/d",
        demo: "http://example.org/demo",
      },
      submittedBy: "octocat",
      draft: false,
    });
  });

  it("accepts authors in any script and normalises whitespace in names", () => {
    const { meta } = validate(paperFile({ authors: 'authors:\n  - Łukasz Kaiser\n  - 李飞飞\n  - "  Ada   Lovelace "' }));
    expect(meta!.authors).toEqual(["Łukasz Kaiser", "李飞飞", "Ada Lovelace"]);
  });

  it("names the line and field of each problem", () => {
    const { diagnostics } = validate(paperFile({ tags: "tags:\n  - LLM\n  - ok\n  - ok", submitted_by: 'submitted_by: "@octocat"' }));
    expect(diagnostics.map((d) => `${d.line}: ${d.field}: ${d.message}`)).toEqual([
      '7: tags.0: "LLM" is not a valid tag (lowercase letters, digits and single hyphens, e.g. llm)',
      '9: tags.2: "ok" is listed twice',
      '10: submitted_by: "@octocat" is not a GitHub user name (leave out the @)',
    ]);
  });

  it("checks model and dataset links as it checks every link, and names the kinds it knows", () => {
    const { diagnostics } = validate(
      paperFile({ links: 'links:\n  model: javascript:alert(1)\n  dataset: "https://user@hf.co/d"\n  weights: https://example.org/w' }),
    );
    expect(diagnostics.map((d) => `${d.line}: ${d.field}: ${d.message} [${d.rule}]`)).toEqual([
      "7: links.model: only http(s) links are allowed, got a javascript: URL [schema/links]",
      '8: links.dataset: "https://user@hf.co/d" contains a user name or password before an @, which hides where the link goes [schema/links]',
      '9: links.weights: "weights" is not a kind of link (expected one of code, project, pdf, model, dataset, data, video, demo) [schema/links]',
    ]);
  });

  it("refuses control characters that feeds cannot carry", () => {
    const { diagnostics } = validate(paperFile({ title: 'title: "Bell\\u0007"' }));
    expect(diagnostics[0]!.message).toBe("contains the control character U+0007, which pages and feeds cannot carry");
  });

  it("refuses a 10,000-character title with its length", () => {
    const { diagnostics } = validate(paperFile({ title: `title: ${"x".repeat(10_000)}` }));
    expect(diagnostics[0]!.message).toBe("is 10000 characters long; at most 500 are allowed");
  });
});

describe("compilePaper", () => {
  it("uses the versionless arXiv id as the route id, else the slug", () => {
    expect(compilePaper(source(paperFile({ arxiv: 'arxiv: "2510.04567v3"' }))).paper!.id).toBe("2510.04567");
    expect(compilePaper(source(paperFile({ arxiv: undefined, url: "url: https://example.org" }))).paper!.id).toBe("x");
  });

  it("points body problems at their line in the file", () => {
    const { diagnostics } = compilePaper(source(paperFile({}, "Fine.\n\nBroken $\\frac{1}{$ math.")));
    expect(diagnostics.map((d) => [d.line, d.field, d.rule])).toEqual([[9, "body", "body/math"]]);
  });
});
