// Regression tests for the bugs the hardening suite found (issue 6), one block
// per fix, each at the smallest scale that shows it.
import { mkdir, rm, symlink } from "node:fs/promises";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { compilePaper } from "../../scripts/content/compile-paper.ts";
import { formatDiagnostic, formatGithubAnnotation } from "../../scripts/diagnostics/format.ts";
import { discoverPapers } from "../../scripts/content/discover.ts";
import { MAX_BODY_CHARS, renderBody } from "../../scripts/content/markdown.ts";
import { buildSite, findExecutable, paperFile, siteWith, tempDir, textOf, writeFiles } from "../support/helpers.ts";
import { xmlProblems } from "../support/validators.ts";

describe("feeds carry contributed text safely", () => {
  it("stay well-formed when a summary contains ]]> more than once, and never carry its raw HTML as markup", async () => {
    const body = "Raw <script>alert(1)</script> and ]]> once, ]]> twice.\n\n`code ]]> here`";
    const root = await siteWith({ "content/papers/2025-10-06/cdata.md": paperFile({}, body) });
    const result = await buildSite(root);
    expect(result.diagnostics).toEqual([]);
    const rss = textOf(result, "feed.xml");
    const atom = textOf(result, "atom.xml");
    expect(await xmlProblems({ "feed.xml": rss, "atom.xml": atom })).toBe("");

    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" });
    const item = parser.parse(rss).rss.channel.item;
    const entry = parser.parse(atom).feed.entry;
    // RSS readers and Atom's type="html" read these as HTML: the script must be text there.
    for (const html of [item.description, item["content:encoded"], entry.content["#text"]]) {
      expect(typeof html).toBe("string");
      expect(findExecutable(html)).toEqual([]);
    }
    expect(item.description).toContain("&#60;script&#62;");
    expect(entry.content["#text"]).toContain("code ]]&gt; here");
    // JSON Feed's summary is plain text by definition, and so is Atom's (no type is text), so they keep the characters as typed.
    expect(JSON.parse(textOf(result, "feed.json")).items[0].summary).toContain("<script>alert(1)</script>");
    expect(entry.summary).toContain("<script>alert(1)</script>");
    expect(atom).toContain("<summary>Raw &lt;script&gt;alert(1)&lt;/script&gt; and ]]&gt; once");
  });
});

describe("bodies the Markdown parser cannot take are refused with a message, not a crash or a stall", () => {
  const rules = (markdown: string) => renderBody(markdown).problems.map((p) => `${p.line}:${p.rule}`);

  it("refuses a line nesting a thousand lists (it overflowed the parser's stack after seconds of work)", () => {
    const started = performance.now();
    expect(rules(`A first line.\n\n${"- ".repeat(1000)}x`)).toEqual(["3:body/too-deep"]);
    expect(rules(`${">".repeat(3000)} x`)).toEqual(["1:body/too-deep"]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("still renders ordinary nesting and thematic breaks", () => {
    expect(rules("> - 1. quoted list\n\n* * * * * * * * * * * * * * * * * * * *\n\nEnd.")).toEqual([]);
  });

  it("refuses a summary longer than the limit before parsing it", () => {
    expect(rules(`${"word ".repeat(MAX_BODY_CHARS / 5)}x`)).toEqual(["1:body/too-long"]);
    expect(rules("ü".repeat(MAX_BODY_CHARS))).toEqual([]);
  });

  it("reports math that overflows KaTeX at its formula, and goes on to the next", () => {
    expect(rules(`Deep:\n\n$${"{".repeat(2400)}x${"}".repeat(2400)}$\n\n$\\gdef\\b#1{\\b{#1#1}}\\b{x}$ and $x^2$`)).toEqual(["3:body/math", "5:body/math"]);
  });

  it("names the file and line in the build's report", () => {
    const text = `---\ntitle: T\nauthors:\n  - A\narxiv: "2501.00001"\n---\nFine.\n\n${"> ".repeat(40)}deep\n`;
    const { diagnostics } = compilePaper({ path: "content/papers/2025-10-06/deep.md", day: "2025-10-06", slug: "deep", text });
    expect(diagnostics.map((d) => `${d.file}:${d.line}: ${d.field}: ${d.rule}`)).toEqual(["content/papers/2025-10-06/deep.md:9: body: body/too-deep"]);
  });
});

describe("bodies may not carry characters that pages and feeds cannot", () => {
  it("reports a control character in the body at its line (pages showed it, feeds dropped it)", () => {
    const { problems } = renderBody("Fine line.\n\nA \u0001 here.\nAnd \u000B there.");
    expect(problems.map((p) => [p.line, p.rule, p.message])).toEqual([
      [3, "body/character", "contains the control character U+0001, which pages and feeds cannot carry (and on 1 more line)"],
    ]);
  });
});

describe("characters HTML forbids are refused like those XML forbids", () => {
  it("refuses C1 controls and noncharacters in titles, authors and bodies (they made pages invalid)", () => {
    const text = `---\ntitle: "Mojibake \\x85 title"\nauthors:\n  - "Astral \\U0001FFFE"\n  - "Ada \\uFDD0"\narxiv: "2501.00001"\n---\nBody \u0090 here.\n`;
    const { diagnostics } = compilePaper({ path: "content/papers/2025-10-06/c1.md", day: "2025-10-06", slug: "c1", text });
    expect(diagnostics.map((d) => `${d.line}: ${d.field}: ${d.message}`)).toEqual([
      "2: title: contains the control character U+0085, which pages and feeds cannot carry",
      "4: authors.0: contains the control character U+1FFFE, which pages and feeds cannot carry",
      "5: authors.1: contains the control character U+FDD0, which pages and feeds cannot carry",
      "8: body: contains the control character U+0090, which pages and feeds cannot carry",
    ]);
  });

  it("keeps the characters real text needs", () => {
    const { problems } = renderBody("Tab\there, שלום, e\u0301, 😀, \u200D, \uFFFD, \u{10FFFD}, \uE000.");
    expect(problems).toEqual([]);
  });
});

describe("front-matter addresses go into href as typed, so only valid URLs pass", () => {
  it("refuses characters a URL cannot hold, stray %, a second #, credentials and invisible characters", () => {
    const text = [
      "---",
      "title: T",
      "authors:",
      "  - A",
      'url: "https://x.org/a?b=1&c=<2>"',
      "links:",
      '  code: "https://x.org/\\"><script>alert(1)</script>"',
      '  project: "https://x.org/a|b"',
      '  pdf: "https://x.org/a%zz"',
      '  data: "https://x.org/a#b#c"',
      '  video: "https://arxiv.org@evil.example/"',
      '  demo: "https://x.org/a\\u202Eb"',
      "---",
      "Body [fine](https://x.org/a|b) [not](https://user@x.org/).",
    ].join("\n");
    const { diagnostics } = compilePaper({ path: "content/papers/2025-10-06/u.md", day: "2025-10-06", slug: "u", text });
    expect(diagnostics.map((d) => `${d.line}: ${d.field}: ${d.message}`)).toEqual([
      '5: url: "https://x.org/a?b=1&c=<2>" contains "<", which a web address cannot contain; write it as %3C',
      '7: links.code: "https://x.org/"><script>alert(1)</script>" contains a double quote, which a web address cannot contain; write it as %22',
      '8: links.project: "https://x.org/a|b" contains "|", which a web address cannot contain; write it as %7C',
      '9: links.pdf: "https://x.org/a%zz" contains a % that does not start an escape like %20; write it as %25',
      '10: links.data: "https://x.org/a#b#c" contains a second #; write it as %23',
      '11: links.video: "https://arxiv.org@evil.example/" contains a user name or password before an @, which hides where the link goes',
      "12: links.demo: the address contains the invisible character U+202E; retype it",
      '14: body: link to "https://user@x.org/" refused: "https://user@x.org/" contains a user name or password before an @, which hides where the link goes',
    ]);
  });

  it("keeps the addresses people really write, international ones included", () => {
    const text = paperFile({ url: 'url: "https://例え.jp/論文/ü?q=a+b&x=%20#sec-2"', links: "links:\n  code: https://github.com/o/r/tree/main/src(1)" });
    const { diagnostics, paper } = compilePaper({ path: "content/papers/2025-10-06/ok.md", day: "2025-10-06", slug: "ok", text });
    expect(diagnostics).toEqual([]);
    expect(paper!.url).toBe("https://例え.jp/論文/ü?q=a+b&x=%20#sec-2");
  });
});

describe("one-line fields cannot reverse the text shown after them", () => {
  it("refuses bidirectional overrides in titles, authors and venues, and keeps right-to-left text", () => {
    const text = `---\ntitle: "Innocent \\u202Etitle"\nauthors:\n  - "\\u2067Ada"\n  - محمد الخوارزمي\narxiv: "2501.00001"\nvenue: "NeurIPS \\u202D2024"\n---\nBody in עברית and العربية, with e\\u0301 and 😀.\n`;
    const { diagnostics } = compilePaper({ path: "content/papers/2025-10-06/bidi.md", day: "2025-10-06", slug: "bidi", text });
    expect(diagnostics.map((d) => `${d.line}: ${d.field}: ${d.message.slice(0, 50)}`)).toEqual([
      "2: title: contains the invisible direction control U+202E, w",
      "4: authors.0: contains the invisible direction control U+2067, w",
      "7: venue: contains the invisible direction control U+202D, w",
    ]);
    const fine = compilePaper({
      path: "content/papers/2025-10-06/rtl.md",
      day: "2025-10-06",
      slug: "rtl",
      text: paperFile({ title: "title: نموذج لغوي \u200F(LLM)", authors: "authors:\n  - محمد الخوارزمي\n  - \u05D3\u05D5\u05D3" }),
    });
    expect(fine.diagnostics).toEqual([]);
  });
});

describe("prototype keys in front matter are ordinary unknown fields", () => {
  it("reports __proto__ and constructor with their lines, at the top level and in links, and pollutes nothing", () => {
    const text = `---\ntitle: T\nauthors:\n  - A\narxiv: "2501.00001"\n__proto__:\n  polluted: true\nconstructor: x\nlinks:\n  __proto__:\n    code: javascript:alert(1)\n---\nBody.\n`;
    const { diagnostics } = compilePaper({ path: "content/papers/2025-10-06/proto.md", day: "2025-10-06", slug: "proto", text });
    expect(diagnostics.map((d) => `${d.line}: ${d.field}: ${d.rule}`)).toEqual([
      "6: __proto__: schema/unknown-field",
      "8: constructor: schema/unknown-field",
      "10: links.__proto__: schema/links",
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("the content folders themselves cannot be links", () => {
  it("refuses content/ or content/papers/ as a symbolic link to a folder elsewhere, reading nothing through it", async () => {
    const outside = await tempDir();
    await writeFiles(outside, { "papers/2025-10-06/secret.md": paperFile() });
    const root = await tempDir();
    await mkdir(path.join(root, "content"));
    await symlink(path.join(outside, "papers"), path.join(root, "content", "papers"));
    let found = await discoverPapers(root);
    expect(found.sources).toEqual([]);
    expect(found.diagnostics.map((d) => `${d.file}: ${d.rule}`)).toEqual(["content/papers: content/symlink"]);

    await rm(path.join(root, "content"), { recursive: true });
    await symlink(outside, path.join(root, "content"));
    found = await discoverPapers(root);
    expect(found.sources).toEqual([]);
    expect(found.diagnostics.map((d) => `${d.file}: ${d.rule}`)).toEqual(["content: content/symlink"]);
  });
});

describe("front matter nested thousands deep", () => {
  it("is reported as too deep, not as a syntax error about the stack", () => {
    const text = `---\ntitle: T\nauthors:\n  - A\narxiv: "2501.00001"\nvenue: ${"[".repeat(3000)}${"]".repeat(3000)}\n---\nBody.\n`;
    const { diagnostics } = compilePaper({ path: "content/papers/2025-10-06/deep.md", day: "2025-10-06", slug: "deep", text });
    expect(diagnostics.map((d) => `${d.line}: ${d.rule}: ${d.message}`)).toEqual(["6: yaml/too-deep: lists or fields are nested too deeply to read"]);
  });
});

describe("the report cannot be driven by what it quotes", () => {
  it("shows escape sequences and direction controls from content as <U+…>, in the terminal and in GitHub annotations", () => {
    const text = `---\ntitle: T\nauthors:\n  - A\narxiv: "\\x1b[2K\\x1b[1G\\x1b[32mAll papers are valid."\ntags:\n  - "a\\u202Eb"\n---\nBody.\n`;
    const { diagnostics } = compilePaper({ path: "content/papers/2025-10-06/x\u001b[31m.md", day: "2025-10-06", slug: "x", text });
    const printed = [...diagnostics.map(formatDiagnostic), ...diagnostics.map(formatGithubAnnotation)].join("\n");
    expect(printed).not.toMatch(/[\u001b\u202e]/);
    expect(formatDiagnostic(diagnostics[0]!)).toMatch(
      /^content\/papers\/2025-10-06\/x<U\+001B>\[31m\.md:5: arxiv: "<U\+001B>\[2K<U\+001B>\[1G<U\+001B>\[32mAll papers are valid\." is not an arXiv id/,
    );
    expect(formatDiagnostic(diagnostics[1]!)).toContain('"a<U+202E>b" is not a valid tag');
  });
});

describe("headings in a summary never skip a level", () => {
  it("starts at h3 below the page's h2, and goes at most one level deeper at a time (the Nu HTML Checker's error)", () => {
    const html = (markdown: string) => renderBody(markdown).body.html.match(/<h\d/g)?.join(" ");
    expect(html("## Opens at two\n\n#### Then four")).toBe("<h3 <h4");
    expect(html("# One\n\n### Three\n\n# One again\n\n###### Six")).toBe("<h3 <h4 <h3 <h4");
    expect(html("# Top\n\n## Next\n\n### Third\n\n#### Fourth\n\n##### Fifth")).toBe("<h3 <h4 <h5 <h6 <h6");
  });
});
