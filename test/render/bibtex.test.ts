// The Cite block's BibTeX: exact entries for the fixture papers, every entry read
// back by a real BibTeX parser (the one behind Zotero's Better BibTeX), and
// properties for adversarial names and titles.
import path from "node:path";
import { parse, type Creator } from "@retorquere/bibtex-parser";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bibtexName, bibtexTitle, citationKeys, escapeLatex, renderBibtex } from "../../scripts/render/bibtex.ts";
import { splitName } from "../../scripts/site/citation-facts.ts";
import { plainTitle } from "../../scripts/util/html-text.ts";
import { clean, findForbiddenCharacter } from "../../scripts/content/text-rules.ts";
import type { Paper } from "../../scripts/types.ts";
import { buildSite, FIXTURES } from "../support/helpers.ts";

/** Reads entries as Zotero would, but without sentence-casing, so text comes back as typed. */
const read = (bibtex: string) => parse(bibtex, { english: false, sentenceCase: false });

/** A name as the parser reassembles it from its parts. */
const fullName = (creator: Creator) => creator.name ?? [creator.firstName, creator.prefix, creator.lastName, creator.suffix].filter(Boolean).join(" ");

/**
 * Whether the entry's braces balance as the BibTeX program counts them: it does
 * not skip `\{`, so a lone escaped brace breaks an entry that lenient parsers read.
 */
function bracesBalanceForBibtex(entry: string): boolean {
  let depth = 0;
  for (const [index, char] of [...entry].entries()) {
    if (char === "{") depth++;
    if (char === "}") depth--;
    if (depth < 0 || (depth === 0 && index > entry.indexOf("{") && index < [...entry].length - 1)) return false;
  }
  return depth === 0;
}

/** A paper with only the fields a test cares about. */
function paper(fields: Partial<Paper>): Paper {
  return {
    title: "A Title",
    authors: ["Ada Lovelace"],
    tags: [],
    links: {},
    draft: false,
    path: "content/papers/2025-01-06/a-title.md",
    day: "2025-01-06",
    slug: "a-title",
    id: "a-title",
    titleHtml: "A Title",
    lead: "",
    key: "test",
    lines: {},
    url: "https://example.org/a-title",
    ...fields,
  };
}

describe("BibTeX entries of the fixture papers", async () => {
  const result = await buildSite(path.join(FIXTURES, "basic"));
  const papers = result.model!.papers;
  const keys = citationKeys(papers);
  const entry = (id: string) => {
    const found = papers.find((p) => p.id === id)!;
    return renderBibtex(found, keys.get(found)!);
  };

  it("arXiv paper with a pinned version: @misc, versionless eprint and url, date from `published`, math kept as math", () => {
    expect(entry("2501.01230")).toBe(`@misc{lovelace2025attention,
  author = {Lovelace, Ada and Turing, Alan},
  title = {Attention Sinks at {$O(n)$} Cost},
  year = {2025},
  month = jan,
  eprint = {2501.01230},
  archivePrefix = {arXiv},
  url = {https://arxiv.org/abs/2501.01230}
}`);
  });

  it("names in every script; venue as howpublished; a Han-script name kept whole", () => {
    expect(entry("2412.00010")).toBe(`@misc{kaiser2024multilingual,
  author = {Kaiser, Łukasz and {李飞飞} and الخوارزمي, محمد and Ñúñez, José},
  title = {Multilingual Benchmarks: Names in Every Script},
  howpublished = {NeurIPS 2024},
  year = {2024},
  month = dec,
  eprint = {2412.00010},
  archivePrefix = {arXiv},
  url = {https://arxiv.org/abs/2412.00010}
}`);
  });

  it("old-style arXiv id: year and month from the id, no primaryClass (the id holds its archive)", () => {
    expect(entry("hep-th/9901001")).toBe(`@misc{maldacena1999string,
  author = {Maldacena, Juan},
  title = {String Dualities Revisited},
  year = {1999},
  month = jan,
  eprint = {hep-th/9901001},
  archivePrefix = {arXiv},
  url = {https://arxiv.org/abs/hep-th/9901001}
}`);
  });

  it("DOI paper without arXiv id or date: no year rather than the listing day, & escaped", () => {
    expect(entry("zeta-functions")).toBe(`@misc{riemannnote,
  author = {Riemann, Bernhard},
  title = {A Note on Zeta Functions \\& Primes},
  howpublished = {Monatsberichte 1859},
  doi = {10.1000/xyz123},
  url = {https://example.org/papers/zeta}
}`);
  });

  it("web-only paper: braces and angle brackets print as typed", () => {
    expect(entry("web-only")).toBe(`@misc{constructorweb,
  author = {{{\\textbraceleft{}\\textbraceleft{}constructor\\textbraceright{}\\textbraceright{}}}},
  title = {Web-Only Report \\textless{}b\\textgreater{}not bold\\textless{}/b\\textgreater{}},
  url = {https://example.org/report}
}`);
  });

  it("every entry parses without error and reads back the paper's title, authors and identifiers", () => {
    for (const p of papers) {
      const bibtex = renderBibtex(p, keys.get(p)!);
      expect(bracesBalanceForBibtex(bibtex)).toBe(true);
      const library = read(bibtex);
      expect(library.errors).toEqual([]);
      expect(library.entries).toHaveLength(1);
      const [parsed] = library.entries;
      expect(parsed!.type).toBe("misc");
      expect(parsed!.key).toBe(keys.get(p));
      expect(parsed!.fields.author!.map(fullName)).toEqual(p.authors);
      if (!p.title.includes("$")) expect(parsed!.fields.title).toBe(plainTitle(p.title));
      expect(parsed!.fields.eprint).toBe(p.arxiv?.id);
      expect(parsed!.fields.doi).toBe(p.doi);
    }
  });
});

describe("BibTeX escaping", () => {
  it("escapes every LaTeX special character and keeps ligatures apart", () => {
    expect(escapeLatex("& % $ # _ { } ~ ^ \\ < >")).toBe(
      "\\& \\% \\$ \\# \\_ \\textbraceleft{} \\textbraceright{} \\textasciitilde{} \\textasciicircum{} \\textbackslash{} \\textless{} \\textgreater{}",
    );
    expect(escapeLatex("a -- b --- c ''q'' ``r`` ,,s")).toBe("a -{}- b -{}-{}- c '{}'q'{}' `{}`r`{}` ,{},s");
  });

  it("keeps math as math, protects acronyms and inner capitals from lowercasing styles", () => {
    expect(bibtexTitle("BAQ: Up to $56\\times$ Lower Perplexity than GPTQ with GPT-4 and ImageNet (LLMs) in 3D")).toBe(
      "{BAQ}: Up to {$56\\times$} Lower Perplexity than {GPTQ} with {GPT-4} and {ImageNet} ({LLMs}) in {3D}",
    );
    expect(bibtexTitle("Costs \\$5 and 50% of $\\{x \\mid x>0\\}$ with _ and #")).toBe(
      "Costs \\$5 and 50\\% of {$\\lbrace x \\mid x>0\\rbrace $} with \\_ and \\#",
    );
    expect(bibtexTitle("$a % b$")).toBe("{$a \\% b$}");
  });

  it("keeps math BibTeX can count: lone escaped braces, comments and line breaks", () => {
    for (const math of ["$\\{x$", "$x\\}$", "$\\left\\{ x \\right.$", "$50%$", "$a_{i}^{2}$", "$\\\\{x}$", "$\\mathrm{softmax}(QK^\\top)$", "$56\\times$"]) {
      const bibtex = renderBibtex(paper({ title: `Title ${math} End` }), "k");
      expect(bracesBalanceForBibtex(bibtex), math).toBe(true);
      expect(read(bibtex).errors, math).toEqual([]);
    }
  });

  it("lets styles that sentence-case titles keep protected words (which they would lowercase unprotected)", () => {
    const sentenceCase = (bibtex: string) => parse(bibtex, { caseProtection: "strict" }).entries[0]!.fields.title;
    expect(sentenceCase(renderBibtex(paper({ title: "BAQ: Efficient Quantization for LLMs at $O(n)$ Cost" }), "k"))).toBe(
      '<span class="nocase">BAQ</span>: Efficient quantization for <span class="nocase">LLMs</span> at <span class="nocase">O(n)</span> cost',
    );
    expect(sentenceCase("@misc{k, title = {Efficient Quantization for LLMs}}")).toBe("Efficient quantization for llms");
  });

  it("writes names Family, Given where certain, else braced whole", () => {
    expect(bibtexName("Ada Lovelace")).toBe("Lovelace, Ada");
    expect(bibtexName("Juan Carlos de la Cruz")).toBe("de la Cruz, Juan Carlos");
    expect(bibtexName("Martin Luther King Jr.")).toBe("King, Jr., Martin Luther");
    expect(bibtexName("Andrew Y. Ng")).toBe("Ng, Andrew Y.");
    expect(bibtexName("李飞飞")).toBe("{李飞飞}");
    expect(bibtexName("Smith and Wesson")).toBe("{Smith and Wesson}");
    expect(bibtexName("others")).toBe("{others}");
    expect(bibtexName("Doe, John")).toBe("{Doe, John}");
    expect(bibtexName("bell hooks")).toBe("{bell hooks}");
    expect(bibtexName("{{constructor}}")).toBe("{{\\textbraceleft{}\\textbraceleft{}constructor\\textbraceright{}\\textbraceright{}}}");
  });

  it("percent-encodes only the braces and backslashes a DOI or URL could carry", () => {
    const bibtex = renderBibtex(paper({ doi: "10.1000/a{b}\\c_d%e#f", url: "https://example.org/x?q={1}&r=50%25#s" }), "k");
    expect(bibtex).toContain("doi = {10.1000/a%7Bb%7D%5Cc_d%e#f}");
    expect(bibtex).toContain("url = {https://example.org/x?q=%7B1%7D&r=50%25#s}");
    expect(read(bibtex).errors).toEqual([]);
  });
});

describe("citation keys", () => {
  it("are ASCII, de-accented and transliterated, and skip leading stop words", () => {
    const keys = citationKeys([
      paper({ slug: "a", authors: ["Łukasz Kaiser"], title: "The Ñ Problem", published: "2024-05-01" }),
      paper({ slug: "b", authors: ["李飞飞"], title: "On $x$ Vision" }),
      paper({ slug: "c", authors: ["Juan Carlos de la Cruz"], title: "A Study" }),
      paper({ slug: "d", authors: ["😀"], title: "$x$" }),
      paper({ slug: "e", authors: ["Róbert Csordás"], title: "Do Language Models Use Their Depth?" }),
    ]);
    expect([...keys.values()]).toEqual(["kaiser2024n", "lifeifeivision", "cruzstudy", "grinning", "csordaslanguage"]);
  });

  it("are unique: the paper listed first keeps the plain key, later ones get a, b, …, never another paper's plain key", () => {
    const older = paper({ slug: "older", day: "2025-01-01", authors: ["Ada Lovelace"], title: "Engines" });
    const newer = paper({ slug: "newer", day: "2025-02-01", authors: ["Ada Lovelace"], title: "Engines" });
    const newest = paper({ slug: "newest", day: "2025-03-01", authors: ["Ada Lovelace"], title: "Engines" });
    const natural = paper({ slug: "natural", day: "2025-03-02", authors: ["Ada Lovelace"], title: "Enginesa" });
    const keys = citationKeys([newest, natural, newer, older]);
    expect([keys.get(older), keys.get(newer), keys.get(newest), keys.get(natural)]).toEqual([
      "lovelaceengines",
      "lovelaceenginesb",
      "lovelaceenginesc",
      "lovelaceenginesa",
    ]);
  });
});

describe("BibTeX properties", () => {
  // Words chosen to trip BibTeX: its list separator, its et-al word, particles,
  // suffixes, commas, every special character, ligatures, and other scripts.
  const tricky = fc.constantFrom(
    "and",
    "AND",
    "others",
    "von",
    "de",
    "la",
    "Jr.",
    "III",
    "Ada",
    "Lovelace",
    "李飞飞",
    "Łukasz",
    "José",
    "Ñúñez",
    "محمد",
    "O'Brien",
    "Jean-Pierre",
    "{{constructor}}",
    "Smith,",
    "--",
    "``",
    "''",
    "?`",
    "!`",
    ",,",
    "\\",
    "{",
    "}",
    "}{",
    "$",
    "%",
    "#",
    "_",
    "~",
    "^",
    "<",
    ">",
    "|",
    '"',
    "&",
    "@",
    "\\textbf{x}",
    "\\\\",
    "\\$",
    "$x$",
    "=",
    "(",
    ")",
  );
  const word = fc.oneof(
    tricky,
    fc.string({ unit: fc.constantFrom(..."aZ{}\\$%&#_~^<>-`'!?,. é李"), minLength: 1, maxLength: 6 }),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 6 }),
  );
  // Text as the content schema stores it: NFC, single spaces, trimmed, no control characters.
  const text = fc
    .array(word, { minLength: 1, maxLength: 6 })
    .map((words) => clean(words.join(" ")))
    .filter((s) => s !== "" && findForbiddenCharacter(s) === undefined);

  it("any names, title and venue make an entry that parses and reads back as typed", () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), text, text, (authors, titleText, venue) => {
        // In the content a `$` starts math; a literal dollar sign is written `\$`.
        const title = titleText.replace(/\$/g, "\\$");
        const bibtex = renderBibtex(paper({ authors, title, venue }), "key");
        expect(bracesBalanceForBibtex(bibtex)).toBe(true);
        const library = read(bibtex);
        expect(library.errors).toEqual([]);
        expect(library.entries).toHaveLength(1);
        const fields = library.entries[0]!.fields;
        expect(fields.author!.map(fullName)).toEqual(authors);
        expect(fields.title).toBe(titleText);
        expect(fields.howpublished).toBe(venue);
      }),
      { numRuns: 300 },
    );
  });

  it("splitName only splits what it can put back together", () => {
    fc.assert(
      fc.property(text, (name) => {
        const parts = splitName(name);
        if (parts) expect([parts.given, parts.family, parts.suffix].filter(Boolean).join(" ")).toBe(name);
      }),
    );
  });
});
