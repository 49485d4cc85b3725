// arXiv's text → the digest's: math kept, TeX accents decoded, hard wraps
// joined, and everything else shown exactly as arXiv shows it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { suggestTags, tagForCategory } from "../../scripts/arxiv/categories.ts";
import { abstractToMarkdown, cleanName, cleanTitle, decodeTexAccents, findCodeLink, splitMath, splitParagraphs } from "../../scripts/arxiv/text.ts";
import { renderBody, renderTitle } from "../../scripts/content/markdown.ts";

describe("splitMath", () => {
  it("finds the four delimiters arXiv abstracts use, and leaves \\$ and unclosed dollars as text", () => {
    expect(splitMath("a $x$ b \\(y\\) c $$z$$ d \\[w\\] e")).toEqual([
      { kind: "text", value: "a " },
      { kind: "math", value: "x", display: false },
      { kind: "text", value: " b " },
      { kind: "math", value: "y", display: false },
      { kind: "text", value: " c " },
      { kind: "math", value: "z", display: true },
      { kind: "text", value: " d " },
      { kind: "math", value: "w", display: true },
      { kind: "text", value: " e" },
    ]);
    expect(splitMath("costs \\$5, or $3 without math")).toEqual([{ kind: "text", value: "costs $5, or $3 without math" }]);
    expect(splitMath("$a \\$ b$")).toEqual([{ kind: "math", value: "a \\$ b", display: false }]);
  });
});

describe("TeX accents and names", () => {
  it("decodes the accents arXiv allows in titles and names", () => {
    expect(
      decodeTexAccents(
        `Schr\\"odinger, Zolt\\'an Szab\\'o, Cre\\c{t}u, G\\"{o}del, {\\"U}ber, \\L ukasz, \\o{}rsted, Stra\\ss e, Erd\\H{o}s, \\v{S}koda, na\\"{\\i}ve`,
      ),
    ).toBe("Schrödinger, Zoltán Szabó, Creţu, Gödel, Über, Łukasz, ørsted, Straße, Erdős, Škoda, naïve");
    expect(decodeTexAccents("no accents here")).toBe("no accents here");
    expect(cleanName("  Ana-Maria\n  Cre\\c{t}u ")).toBe("Ana-Maria Creţu");
  });

  it("cleans a title onto one line, keeping math and making \\( \\) into $ $", () => {
    expect(cleanTitle('$\\theta$-Equivariant Attention on\n  \\(\\mathbb{R}^d\\): a Schr\\"odinger View')).toBe(
      "$\\theta$-Equivariant Attention on $\\mathbb{R}^d$: a Schrödinger View",
    );
    expect(cleanTitle("Pricing at $5 and 100\\% Recall")).toBe("Pricing at \\$5 and 100% Recall");
    expect(renderTitle(cleanTitle("Pricing at $5 and 100\\% Recall")).html).toBe("Pricing at $5 and 100% Recall");
  });
});

describe("abstractToMarkdown", () => {
  it("joins hard wraps and starts a paragraph at each indented line, as arXiv does", () => {
    expect(splitParagraphs("  First line\nsecond line.\n  New paragraph\ngoes on.\n")).toEqual(["First line second line.", "New paragraph goes on."]);
    expect(abstractToMarkdown("  One\ntwo.\n\nThree.")).toBe("One two.\n\nThree.");
  });

  it("keeps inline math, puts display math on its own lines, and escapes the rest", () => {
    const markdown = abstractToMarkdown(
      "  A group $G$ on \\(\\mathbb{R}^d\\) costs ~30% and ~2x;\nthe *equivariant* heads, R&D, &amp; <eq> tokens, snake_case and _this_.\n  Then \\[\\min_x f(x),\\] which is [1] `fast`. Code:\nhttps://github.com/a/b_c.",
    );
    expect(markdown).toBe(
      [
        "A group $G$ on $\\mathbb{R}^d$ costs \\~30% and \\~2x; the \\*equivariant\\* heads, R&D, \\&amp; \\<eq> tokens, snake_case and \\_this\\_.",
        "Then",
        "$$\n\\min_x f(x),\n$$",
        "which is \\[1\\] \\`fast\\`. Code: <https://github.com/a/b_c>.",
      ].join("\n\n"),
    );
    const { body, problems } = renderBody(markdown);
    expect(problems).toEqual([]);
    expect(body.html).not.toMatch(/<(del|em|code)>/);
    expect(body.html).toContain('<a href="https://github.com/a/b_c">');
    expect(body.text).toContain("costs ~30% and ~2x; the *equivariant* heads, R&D, &amp; <eq> tokens, snake_case and _this_.");
  });

  it("never lets a paragraph start a heading, list, quote or rule", () => {
    for (const start of ["# Title", "1. First", "2) Second", "- item", "+ item", "> quoted", "---", "==="]) {
      const { body } = renderBody(abstractToMarkdown(`  ${start} and more`));
      expect(body.html, start).toMatch(/^<p>/);
      expect(body.text, start).toBe(`${start} and more`.replace(/\s+$/, ""));
    }
  });

  it("shows any plain text exactly as written, whatever Markdown it resembles", () => {
    const plain = fc.string({ unit: fc.constantFrom(..."ab1 .-_*~[]()<>#&;!`|=+:\"'\n\t/é中"), maxLength: 80 });
    fc.assert(
      fc.property(plain, (text) => {
        const { body, problems } = renderBody(abstractToMarkdown(text));
        const expected = splitParagraphs(text).join(" ");
        // Autolinks are the one change: a bare address becomes a link to itself.
        return problems.length === (expected === "" ? 1 : 0) && body.text === expected;
      }),
      { numRuns: 300 },
    );
  });
});

describe("findCodeLink", () => {
  it("finds the first GitHub repository, without trailing punctuation", () => {
    expect(findCodeLink("Codes are available at https://github.com/KindXiaoming/pykan.")).toBe("https://github.com/KindXiaoming/pykan");
    expect(findCodeLink("see (http://github.com/a-b/c.d.git)")).toBe("https://github.com/a-b/c.d");
    expect(findCodeLink("https://github.com/orgs only")).toBeUndefined();
    expect(findCodeLink("no code")).toBeUndefined();
  });
});

describe("tags from arXiv categories", () => {
  it("maps common categories to topics, primary first, without repeats or non-arXiv classes", () => {
    expect(suggestTags(["cs.LG", "stat.ML", "cs.AI", "I.2.6", "68T07"])).toEqual(["machine-learning", "artificial-intelligence"]);
    expect(suggestTags(["cs.CL", "cs.LG"])).toEqual(["nlp", "machine-learning"]);
  });

  it("keeps any other category as the slug of its code", () => {
    expect(tagForCategory("q-bio.PE")).toBe("q-bio-pe");
    expect(tagForCategory("astro-ph.GA")).toBe("astrophysics");
    expect(tagForCategory("math-ph")).toBe("math-ph");
    expect(tagForCategory("I.2.6")).toBeUndefined();
  });

  it("suggests at most twelve", () => {
    expect(suggestTags(Array.from({ length: 20 }, (_, i) => `physics.x${String.fromCharCode(97 + i)}`))).toHaveLength(12);
  });
});
