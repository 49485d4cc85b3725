// Whole-build properties (fast-check): whatever titles, authors, tags and bodies
// a contributor sends, drawn from adversarial strings, the build either succeeds
// with valid pages, well-formed feeds and no executable markup from the content,
// or fails with problems that all name the contributor's files. Never anything
// in between, and never a crash.
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { buildSite, findExecutable, tempDir } from "../support/helpers.ts";
import { HOSTILE_CONFIG } from "../fixtures/hostile/cases.ts";
import { bodyOf, createHtmlValidator, htmlProblems, parseErrors, xmlProblems } from "../support/validators.ts";

/** Snippets that must come out as inert text: markup, template syntax, Markdown, math, any script. */
const INERT = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  "<iframe src=javascript:alert(1)>",
  '"><script>alert(1)</script>',
  "'; alert(1); //",
  "</title><script>",
  "</textarea>",
  "<!--",
  "-->",
  "<![CDATA[",
  "]]>",
  "<?xml",
  "&",
  "&amp;",
  "&#0;",
  "&#x1;",
  "&lt;b&gt;",
  "[x](https://example.org/)",
  "https://example.org/<b>",
  "<https://example.org/?q=\"'>",
  "{{constructor}}",
  "{{{x}}}",
  "{{> partial}}",
  "{{#each this}}",
  "{{!--",
  "$x<y \\& z$",
  "$$\\frac{a}{b}$$",
  "$\\text{<b>}$",
  "\\$",
  "$",
  "# Heading",
  "> quote",
  "- item",
  "1. item",
  "```\ncode\n```",
  "`code`",
  "| a | b |\n|---|---|\n| 1 | 2 |",
  "**bold**",
  "_",
  "*",
  "~~x~~",
  "---",
  "\\",
  "\u200B",
  "\u200D",
  "\u00AD",
  "\u0301",
  "😀",
  "👩🏽‍🔬",
  "🇺🇳",
  "שלום",
  "مرحبا",
  "李飞飞",
  "Zoë",
  "e\u0301",
  "\t",
];
/** Snippets the build must refuse with a problem naming the file: unsafe links, math that asks for trust, characters pages and feeds cannot carry. */
const POISON = [
  "[x](javascript:alert(1))",
  "<javascript:alert(1)>",
  "[x]: data:text/html,x\n\n[x]",
  "[x](https://user@example.org/)",
  "$\\href{javascript:alert(1)}{x}$",
  "$\\frac{1}{$",
  "\u202E",
  "\u2066",
  "\u0000",
  "\u0001",
  "\u0008",
  "\u000B",
  "\u000C",
  "\u001B[31m",
  "\u001F",
  "\u007F",
  "\u0085",
  "\uFFFE",
  "\uFFFF",
  "\uFDD0",
  "\uD800",
  "\uDFFF",
  "\u{1FFFE}",
];
const WORDS = ["Attention", "sinks", "at", "scale", "for", "LLMs", " ", ": ", ", "];

/** A piece of text; with `poison`, sometimes one the build must refuse. */
const piece = (poison: boolean) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...INERT) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
    { weight: 2, arbitrary: fc.constantFrom(...WORDS) },
    ...(poison
      ? [
          { weight: 1, arbitrary: fc.constantFrom(...POISON) },
          { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
        ]
      : []),
  );
/** A one-line field: a title, an author. */
const line = (poison: boolean) => fc.array(piece(poison), { minLength: 1, maxLength: 6 }).map((parts) => parts.join(""));
/** A tag: usually a valid slug; with `poison`, sometimes anything. */
const tag = (poison: boolean) =>
  poison
    ? fc.oneof({ weight: 3, arbitrary: fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}$/) }, { weight: 1, arbitrary: line(true) })
    : fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}$/);
/** A Markdown body: paragraphs of pieces. */
const body = (poison: boolean) =>
  fc
    .array(
      fc.array(piece(poison), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(" ")),
      { minLength: 1, maxLength: 5 },
    )
    .map((paragraphs) => paragraphs.join("\n\n"));

const paperArb = (poison: boolean) =>
  fc.record({
    title: line(poison),
    authors: fc.array(line(poison), { minLength: 1, maxLength: 3 }),
    tags: fc.uniqueArray(tag(poison), { maxLength: 3 }),
    body: body(poison),
    day: fc.constantFrom("2025-10-06", "2025-10-07"),
  });
type PaperInput = { title: string; authors: string[]; tags: string[]; body: string; day: string };
/** A site of one to three papers; half the sites may hold poison, so both outcomes occur often. */
const siteArb = fc.boolean().chain((poison) => fc.array(paperArb(poison), { minLength: 1, maxLength: 3 }));

/**
 * Writes a string as a YAML double-quoted scalar that holds exactly it: every
 * character outside printable ASCII as \u or \U (never a letter escape such as
 * \t, which the build refuses as LaTeX in the wrong quotes).
 */
function yamlString(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 || code === 0x5c) out += `\\${text[i]}`;
    else if (code >= 0x20 && code < 0x7f) out += text[i];
    else out += `\\u${code.toString(16).padStart(4, "0")}`;
  }
  return `"${out}"`;
}

function paperText(paper: PaperInput, index: number): string {
  const lines = [
    "---",
    `title: ${yamlString(paper.title)}`,
    "authors:",
    ...paper.authors.map((a) => `  - ${yamlString(a)}`),
    `arxiv: "2509.${String(index + 1).padStart(5, "0")}"`,
  ];
  if (paper.tags.length > 0) lines.push("tags:", ...paper.tags.map((t) => `  - ${yamlString(t)}`));
  return `${lines.join("\n")}\n---\n${paper.body}\n`;
}

const RUNS = Number(process.env.PAPERBOY_PROPERTY_RUNS ?? 100);

describe("the whole build, for any adversarial content", () => {
  it(
    `succeeds with valid, inert output or fails naming the files (${RUNS} sites)`,
    async () => {
      const root = await tempDir("paperboy-property-", "file");
      await writeFile(path.join(root, "paperboy.config.yaml"), HOSTILE_CONFIG);
      const htmlValidator = createHtmlValidator();
      const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["item", "entry"].includes(name) });
      const tally = { built: 0, refused: 0, pages: 0 };
      const started = performance.now();

      await fc.assert(
        fc.asyncProperty(siteArb, async (papers) => {
          await rm(path.join(root, "content"), { recursive: true, force: true });
          const written: string[] = [];
          for (const [index, paper] of papers.entries()) {
            const file = `content/papers/${paper.day}/paper-${index + 1}.md`;
            await mkdir(path.dirname(path.join(root, file)), { recursive: true });
            await writeFile(path.join(root, file), paperText(paper, index));
            written.push(file);
          }
          const result = await buildSite(root);

          if (!result.files) {
            tally.refused++;
            expect(result.diagnostics.length).toBeGreaterThan(0);
            for (const d of result.diagnostics) expect(written, `${d.file}: ${d.message}`).toContain(d.file);
            return;
          }
          tally.built++;
          expect(result.diagnostics).toEqual([]);
          const pages = result.files.filter((f) => f.path.endsWith(".html"));
          for (const file of pages) {
            const html = String(file.contents);
            expect(parseErrors(html), file.path).toEqual([]);
            expect(findExecutable(bodyOf(html), { svg: true }), file.path).toEqual([]);
          }
          // html-validate takes ~0.1 s a page here: it checks the pages that hold every paper's content, as a
          // paper page and as a card in a listing (the other pages render the same partials from the same views).
          const full = pages.filter((f) => f.path.startsWith("papers/") || f.path === `days/${papers[0]!.day}/index.html`);
          for (const file of full) {
            tally.pages++;
            expect(htmlProblems(htmlValidator, String(file.contents), file.path), file.path).toEqual([]);
          }
          const text = (name: string) => String(result.files!.find((f) => f.path === name)!.contents);
          expect(await xmlProblems({ "feed.xml": text("feed.xml"), "atom.xml": text("atom.xml"), "sitemap.xml": text("sitemap.xml") })).toBe("");
          const items = xml.parse(text("feed.xml")).rss.channel.item as Record<string, unknown>[];
          const entries = xml.parse(text("atom.xml")).feed.entry as Record<string, { "#text"?: unknown }>[];
          const json = JSON.parse(text("feed.json")) as { items: { content_html: string; title: string }[] };
          expect(json.items).toHaveLength(papers.length);
          // Titles and Atom summaries are plain text; the fields a reader renders as HTML must be inert.
          const feedHtml = [
            ...items.flatMap((i) => [i.description, i["content:encoded"]]),
            ...entries.map((e) => e.content?.["#text"]),
            ...json.items.map((i) => i.content_html),
          ];
          for (const html of feedHtml) expect(findExecutable(String(html ?? ""))).toEqual([]);
        }),
        { numRuns: RUNS },
      );

      const seconds = (performance.now() - started) / 1000;
      console.log(
        `build properties: ${RUNS} sites in ${seconds.toFixed(1)} s (${tally.built} built, ${tally.pages} pages through html-validate, ${tally.refused} refused)`,
      );
      // Both outcomes must actually occur, or the property proves half of what it says.
      expect(tally.built).toBeGreaterThan(RUNS / 10);
      expect(tally.refused).toBeGreaterThan(RUNS / 10);
    },
    60_000 + RUNS * 1000,
  );
});
