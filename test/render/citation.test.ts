// What a paper page tells citation tools, read from the built fixture pages as a
// browser (and Zotero) would parse them: Highwire Press tags, Open Graph,
// schema.org JSON-LD, the canonical link, and the Cite block.
import path from "node:path";
import { parse as parseBibtex } from "@retorquere/bibtex-parser";
import { parse, type DefaultTreeAdapterMap } from "parse5";
import { describe, expect, it } from "vitest";
import { highwireAuthor, highwireDate, isoDate } from "../../scripts/render/citation.ts";
import { buildSite, FIXTURES, textOf } from "../support/helpers.ts";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

const BASE = "https://example.org/digest/";

function elements(root: Node, match: (e: Element) => boolean): Element[] {
  const found: Element[] = [];
  const walk = (node: Node) => {
    if ("tagName" in node && match(node)) found.push(node);
    if ("childNodes" in node) node.childNodes.forEach(walk);
  };
  walk(root);
  return found;
}

const attr = (e: Element, name: string) => e.attrs.find((a) => a.name === name)?.value;
const text = (node: Node): string =>
  "value" in node && node.nodeName === "#text" ? node.value : "childNodes" in node ? node.childNodes.map(text).join("") : "";

/** The parts of a built page that citation tools read. */
function readPage(html: string) {
  const document = parse(html) as unknown as Node;
  const [head] = elements(document, (e) => e.tagName === "head");
  const metas = elements(head!, (e) => e.tagName === "meta");
  const named = (name: string) => metas.filter((m) => attr(m, "name") === name).map((m) => attr(m, "content"));
  const property = (name: string) => metas.filter((m) => attr(m, "property") === name).map((m) => attr(m, "content"));
  const canonical = elements(head!, (e) => e.tagName === "link" && attr(e, "rel") === "canonical").map((e) => attr(e, "href"));
  const jsonLd = elements(head!, (e) => e.tagName === "script" && attr(e, "type") === "application/ld+json").map((e) => JSON.parse(text(e)));
  return { document, metas, named, property, canonical, jsonLd };
}

describe("citation metadata of the fixture's paper pages", async () => {
  const result = await buildSite(path.join(FIXTURES, "basic"));
  const page = (id: string) => readPage(textOf(result, `papers/${id}/index.html`));

  it("Highwire Press: title, one citation_author per author in order, date as YYYY/MM/DD, arXiv id, absolute PDF URL", () => {
    const sinks = page("2501.01230");
    expect(sinks.named("citation_title")).toEqual(["Attention Sinks at $O(n)$ Cost"]);
    expect(sinks.named("citation_author")).toEqual(["Lovelace, Ada", "Turing, Alan"]);
    expect(sinks.named("citation_publication_date")).toEqual(["2025/01/02"]);
    expect(sinks.named("citation_arxiv_id")).toEqual(["2501.01230"]);
    // The PDF of the version the summary was written from, as the page links it.
    expect(sinks.named("citation_pdf_url")).toEqual(["https://arxiv.org/pdf/2501.01230v2"]);
    expect(sinks.named("citation_abstract_html_url")).toEqual(["https://arxiv.org/abs/2501.01230"]);
    expect(sinks.named("citation_doi")).toEqual([]);
  });

  it("Highwire Press: names in every script, in order; a name that cannot be split is kept as written", () => {
    expect(page("2412.00010").named("citation_author")).toEqual(["Kaiser, Łukasz", "李飞飞", "الخوارزمي, محمد", "Ñúñez, José"]);
    expect(page("web-only").named("citation_author")).toEqual(["{{constructor}}"]);
  });

  it("Highwire Press: the year alone when only the arXiv id dates the paper; no date at all rather than the listing day", () => {
    expect(page("hep-th/9901001").named("citation_publication_date")).toEqual(["1999"]);
    expect(page("hep-th/9901001").named("citation_pdf_url")).toEqual(["https://arxiv.org/pdf/hep-th/9901001"]);
    const zeta = page("zeta-functions");
    expect(zeta.named("citation_publication_date")).toEqual([]);
    expect(zeta.named("citation_doi")).toEqual(["10.1000/xyz123"]);
    expect(zeta.named("citation_arxiv_id")).toEqual([]);
    expect(zeta.named("citation_pdf_url")).toEqual([]);
    expect(zeta.named("citation_abstract_html_url")).toEqual(["https://example.org/papers/zeta"]);
    // A free-text venue cannot say journal or conference, so neither tag is guessed.
    expect(zeta.metas.filter((m) => /citation_(journal|conference)_title/.test(attr(m, "name") ?? ""))).toEqual([]);
  });

  it("Open Graph and Twitter: article-level tags on paper pages, one canonical link", () => {
    const sinks = page("2501.01230");
    expect(sinks.canonical).toEqual([`${BASE}papers/2501.01230/`]);
    expect(sinks.property("og:type")).toEqual(["article"]);
    expect(sinks.property("og:title")).toEqual(["Attention Sinks at $O(n)$ Cost"]);
    expect(sinks.property("og:url")).toEqual(sinks.canonical);
    expect(sinks.property("og:site_name")).toEqual(["Fixture Digest"]);
    expect(sinks.property("og:description")[0]).toMatch(/^Streaming models keep a few sink tokens/);
    expect(sinks.property("article:published_time")).toEqual(["2025-01-06"]);
    // The tags are the JSON-LD's keywords, not article:tag again.
    expect(sinks.property("article:tag")).toEqual([]);
    expect(sinks.named("twitter:card")).toEqual(["summary"]);
  });

  it("every page has one canonical link and Open Graph basics; only paper pages are articles", () => {
    // E-mail digests (newsletter/) are messages to paste into a mail tool, not web pages.
    // Nor is the latest day's own address, which only leads to the home page.
    const leadsOn = (text: string) => text.includes('http-equiv="refresh"');
    const pages = (result.files ?? []).filter((f) => f.path.endsWith(".html") && !f.path.startsWith("newsletter/") && !leadsOn(textOf(result, f.path)));
    expect(pages.length).toBeGreaterThan(10);
    for (const file of pages) {
      const { canonical, property, named } = readPage(textOf(result, file.path));
      expect(canonical, file.path).toHaveLength(1);
      expect(property("og:url"), file.path).toEqual(canonical);
      expect(property("og:title")[0], file.path).toBeTruthy();
      expect(property("og:site_name"), file.path).toEqual(["Fixture Digest"]);
      expect(property("og:type"), file.path).toEqual([file.path.startsWith("papers/") ? "article" : "website"]);
      expect(named("twitter:card"), file.path).toEqual(["summary"]);
      expect(named("citation_title"), file.path).toHaveLength(file.path.startsWith("papers/") ? 1 : 0);
    }
  });

  it("JSON-LD: a ScholarlyArticle with authors, date, identifiers and links, on a page of the site", () => {
    const [data, ...more] = page("2412.00010").jsonLd;
    expect(more).toEqual([]);
    expect(data).toEqual({
      "@context": "https://schema.org",
      "@type": "ScholarlyArticle",
      headline: "Multilingual Benchmarks: Names in Every Script",
      author: [
        { "@type": "Person", name: "Łukasz Kaiser" },
        { "@type": "Person", name: "李飞飞" },
        { "@type": "Person", name: "محمد الخوارزمي" },
        { "@type": "Person", name: "José Ñúñez" },
      ],
      datePublished: "2024-12-01",
      identifier: [{ "@type": "PropertyValue", propertyID: "arXiv", value: "2412.00010" }],
      url: "https://arxiv.org/abs/2412.00010",
      keywords: ["llm", "multilingual"],
      mainEntityOfPage: `${BASE}papers/2412.00010/`,
    });
    const zeta = page("zeta-functions").jsonLd[0];
    expect(zeta.identifier).toEqual([{ "@type": "PropertyValue", propertyID: "DOI", value: "10.1000/xyz123" }]);
    expect(zeta.url).toBe("https://example.org/papers/zeta");
    expect(zeta.sameAs).toEqual(["https://doi.org/10.1000/xyz123"]);
    expect(zeta.datePublished).toBeUndefined();
    expect(page("hep-th/9901001").jsonLd[0].datePublished).toBe("1999-01");
  });

  it("JSON-LD cannot be closed early by a title: markup in it stays data", () => {
    const html = textOf(result, "papers/web-only/index.html");
    const script = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!;
    expect(script).not.toContain("<");
    expect(readPage(html).jsonLd[0].headline).toBe("Web-Only Report <b>not bold</b>");
  });

  it("Cite block: a labelled section with the BibTeX entry and a copy button hidden until JavaScript shows it", () => {
    const { document } = page("2501.01230");
    const [section] = elements(document, (e) => attr(e, "id") === "cite");
    expect(section!.tagName).toBe("section");
    const [heading] = elements(document, (e) => attr(e, "id") === attr(section!, "aria-labelledby"));
    expect(text(heading!)).toBe("Cite");
    const [pre] = elements(section!, (e) => e.tagName === "pre");
    expect(attr(pre!, "id")).toBe("bibtex");
    const bibtex = text(pre!);
    expect(bibtex).toMatch(/^@misc\{lovelace2025attention,\n/);
    const parsed = parseBibtex(bibtex, { english: false, sentenceCase: false });
    expect(parsed.errors).toEqual([]);
    expect(parsed.entries[0]!.fields.eprint).toBe("2501.01230");
    const [button] = elements(section!, (e) => e.tagName === "button");
    expect(button!.attrs.map((a) => [a.name, a.value]).filter(([name]) => name !== "class")).toEqual([
      ["type", "button"],
      ["data-copy-target", "#bibtex"],
      ["hidden", ""],
    ]);
    expect(text(button!)).toBe("Copy BibTeX");
  });

  it("Cite block: special characters reach the reader as text, not markup", () => {
    const { document } = page("zeta-functions");
    const [pre] = elements(document, (e) => attr(e, "id") === "bibtex");
    expect(text(pre!)).toContain("title = {A Note on Zeta Functions \\& Primes}");
  });
});

describe("citation formats", () => {
  it("dates: Highwire YYYY/MM/DD or the year alone; ISO 8601 to the precision known", () => {
    expect(highwireDate({ year: 2025, month: 1, day: 2 })).toBe("2025/01/02");
    expect(highwireDate({ year: 2025, month: 6 })).toBe("2025");
    expect(isoDate({ year: 2025, month: 1, day: 2 })).toBe("2025-01-02");
    expect(isoDate({ year: 2025, month: 6 })).toBe("2025-06");
    expect(isoDate({ year: 1999 })).toBe("1999");
  });

  it("authors: Family, Given; a lone author split on both sides is written as is, because Zotero would read two people", () => {
    expect(highwireAuthor("Juan Carlos de la Cruz", false)).toBe("de la Cruz, Juan Carlos");
    expect(highwireAuthor("Juan Carlos de la Cruz", true)).toBe("Juan Carlos de la Cruz");
    expect(highwireAuthor("Ada Lovelace", true)).toBe("Lovelace, Ada");
    expect(highwireAuthor("Martin Luther King Jr.", false)).toBe("King, Martin Luther, Jr.");
    expect(highwireAuthor("Doe, John", false)).toBe("Doe, John");
  });
});
