// The Markdown renderer: GitHub-flavoured Markdown, math at build time, and no
// way for a contribution to put executable markup into a page.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import katex from "katex";
import { escapeHtml, toPageHtml } from "../../scripts/util/html-text.ts";
import { parseFragment, type DefaultTreeAdapterMap } from "parse5";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { parseMarkdown, renderBody, renderTitle } from "../../scripts/content/markdown.ts";
import { findExecutable } from "../support/helpers.ts";

const html = (markdown: string) => renderBody(markdown).body.html;

describe("renderBody", () => {
  it("renders GitHub-flavoured Markdown: tables, autolinks, strikethrough, task lists", () => {
    expect(html("| a | b |\n|---|--:|\n| 1 | 2 |")).toContain('<td align="right">2</td>');
    expect(html("see https://example.org/x.")).toContain('<a href="https://example.org/x">https://example.org/x</a>');
    expect(html("~~old~~ new")).toContain("<del>old</del>");
    expect(html("- [x] done")).toContain('<input type="checkbox" checked disabled>');
  });

  it("renders inline and display math at build time, as MathML that keeps its TeX", () => {
    const { body, problems } = renderBody("Energy $E = mc^2$.\n\n$$\n\\int_0^1 x\\,dx\n$$");
    expect(problems).toEqual([]);
    expect(body.html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML"><semantics>');
    expect(body.html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">');
    expect(body.html).toContain('<annotation encoding="application/x-tex">E = mc^2</annotation>');
    expect(body.html).not.toContain("katex-html");
    // Plain text keeps each formula between dollars (mathAsText), as it was typed.
    expect(body.text).toBe("Energy $E = mc^2$. $$\\int_0^1 x\\,dx$$");
  });

  it("escapes < and & inside math", () => {
    const out = html("$a<b \\;\\&\\; c$");
    expect(out).toContain("&lt;");
    expect(out).not.toMatch(/<b\b/);
  });

  it("shows raw HTML as the text the contributor typed", () => {
    const out = html('Hi <script>alert(1)</script> <img src=x onerror="alert(1)"> <b>bold</b>');
    expect(findExecutable(out)).toEqual([]);
    expect(out).toContain("&#x3C;script>alert(1)&#x3C;/script>");
    expect(out).toContain("&#x3C;b>bold&#x3C;/b>");
  });

  it("keeps only http(s) links and reports the others with their line", () => {
    const { body, problems } = renderBody("line one\n\n[x](javascript:alert(1)) [y](vbscript:msgbox) [z](data:text/html,hi) [ok](https://example.org)");
    expect(findExecutable(body.html)).toEqual([]);
    expect(body.html).toContain('<a href="https://example.org">ok</a>');
    expect(problems.map((p) => [p.line, p.rule])).toEqual([
      [3, "body/link"],
      [3, "body/link"],
      [3, "body/link"],
    ]);
  });

  it("refuses images, footnotes and math that asks for trust, and bad LaTeX", () => {
    const { problems } = renderBody("![x](https://tracker.example/p.png)\n\nA note[^1].\n\n[^1]: The note.\n\n$\\href{javascript:alert(1)}{x}$ $\\frac{1}{$");
    expect(problems.map((p) => p.rule).sort()).toEqual(["body/footnote", "body/footnote", "body/image", "body/math", "body/math-command"]);
  });

  it("starts a summary's headings at h3, below the page's h1 and h2", () => {
    expect(html("# Top\n\n## Next")).toBe("<h3>Top</h3>\n<h4>Next</h4>\n");
  });

  it("ranks heading levels so none is skipped, whatever level the contributor started at", () => {
    expect(html("## Only")).toBe("<h3>Only</h3>\n");
    expect(html("# A\n\n### B\n\n###### C")).toBe("<h3>A</h3>\n<h4>B</h4>\n<h5>C</h5>\n");
  });

  it("reports an empty summary", () => {
    expect(renderBody("  \n\n").problems.map((p) => p.rule)).toEqual(["body/empty"]);
  });
});

/** The MathML elements of some HTML, as tag names and text, leaving out `skip` elements and everything inside them. */
function mathTree(html: string, skip = new Set<string>()): string {
  const out: string[] = [];
  const walk = (node: DefaultTreeAdapterMap["node"]) => {
    if ("tagName" in node) {
      if (skip.has(node.tagName)) {
        node.childNodes.forEach(walk);
        return;
      }
      // In HTML the namespace of <math> is implied: the attribute changes nothing a browser builds.
      out.push(
        `<${node.tagName} ${node.attrs
          .filter((a) => a.name !== "xmlns")
          .map((a) => `${a.name}=${a.value}`)
          .join(" ")}>`,
      );
      node.childNodes.forEach(walk);
      out.push(`</${node.tagName}>`);
    } else if (node.nodeName === "#text") out.push((node as DefaultTreeAdapterMap["textNode"]).value);
    else if ("childNodes" in node) node.childNodes.forEach(walk);
  };
  walk(parseFragment(html) as unknown as DefaultTreeAdapterMap["node"]);
  return out.join("");
}

describe("toPageHtml", () => {
  it("keeps every formula's MathML as a browser parses it, leaving out only the TeX annotation and the implied namespace", () => {
    const formulas = [
      "x^2",
      "\\frac{a}{b}",
      "\\sqrt[3]{x}",
      "\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}",
      "\\widehat{abc}",
      "\\overrightarrow{AB}",
      "a<b",
      "\\text{hi } \\mathbb{R}",
      "\\sum_{i=1}^n x_i",
      "\\left(\\frac{1}{2}\\right)",
      "\\color{red} x",
      "\\underbrace{a+b}_{c}",
    ];
    for (const tex of formulas) {
      for (const displayMode of [false, true]) {
        const feed = `<p>before ${katex.renderToString(tex, { output: "mathml", displayMode })} after</p>`;
        const page = toPageHtml(feed);
        expect(page).not.toContain("annotation");
        expect(page).not.toContain("xmlns");
        // What remains must be the same elements, attributes and text.
        const withoutAnnotation = mathTree(feed.replace(/<annotation encoding="application\/x-tex">[^<]*<\/annotation>/g, ""), new Set(["semantics"]));
        expect(mathTree(page, new Set(["semantics"])), tex).toBe(withoutAnnotation);
      }
    }
  });

  it("leaves HTML without math as it is", () => {
    expect(toPageHtml("<p>no <em>math</em> here</p>")).toBe("<p>no <em>math</em> here</p>");
  });
});

describe("renderTitle", () => {
  it("renders $…$ as math, escapes the rest, and reads \\$ as a dollar sign", () => {
    const { html: out, problems } = renderTitle("Scaling <b>to</b> $10^6$ tokens for \\$5 & more");
    expect(problems).toEqual([]);
    expect(out.startsWith('Scaling &#60;b&#62;to&#60;/b&#62; <span class="math-inline"><span class="katex">')).toBe(true);
    expect(out.endsWith(" tokens for $5 &#38; more")).toBe(true);
  });
});

describe("parsing with only the extensions a summary needs", () => {
  const reference = unified().use(remarkParse).use(remarkGfm).use(remarkMath).freeze();
  const same = (markdown: string) => expect(JSON.stringify(parseMarkdown(markdown).tree)).toBe(JSON.stringify(reference.parse(markdown)));

  it("gives exactly remark-gfm's tree for every construct", () => {
    for (const markdown of [
      "plain text with $x$ math",
      "see https://example.org/a_b_c and www.example.org, mail a_b@example.org, mailto:x@y.org",
      "[a link](https://example.org) with no bare address",
      "| a | b |\n|---|---|\n| 1 | 2 |",
      "~~gone~~ and ~one~",
      "- [ ] todo\n- [x] done",
      "note[^1]\n\n[^1]: the note",
      "`http://in.code` and ```\nhttp://in.block\n```",
      '<a href="http://x">raw</a> <http://angle.example>',
      "*emph www.example.org* **strong http://x.org/_y_**",
    ])
      same(markdown);
  });

  it("gives exactly remark-gfm's tree for any text made of Markdown's markers", () => {
    const piece = fc.constantFrom(
      "|",
      "-",
      "~",
      "~~",
      "[",
      "]",
      "^",
      "(",
      ")",
      "*",
      "_",
      "`",
      "$",
      "\n",
      " ",
      "x",
      "@",
      "http://",
      "https://a.b",
      "www.",
      ".org",
      "mailto:",
      "[ ]",
      "[x]",
      ":",
      "<",
      ">",
      "#",
      "1.",
      ">",
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 40 }).map((parts) => parts.join("")),
        (markdown) => {
          same(markdown);
        },
      ),
      // A one-column table has no pipe at all: found by this property once, kept as an example.
      { numRuns: 500, examples: [["$\n:-"], ["a\n-:"], ["x\n:-:\ny"]] },
    );
  });
});

describe("properties", () => {
  const hostile = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 200 }),
    fc.constantFrom(
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>",
      "<svg onload=alert(1)>",
      "<iframe src=javascript:alert(1)>",
      "[x](javascript:alert(1))",
      "[x]( javascript:alert(1) )",
      '<a href="javascript:alert(1)">x</a>',
      "$\\href{javascript:alert(1)}{x}$",
      "$<script>$",
      "{{constructor}}",
      "{{{x}}}",
      "<style>*{}</style>",
      "<!-- x -->",
      "&lt;script&gt;",
      "![x](data:image/png;base64,AA)",
      "[x]: javascript:alert(1)\n\n[y][x]",
    ),
  );
  const document = fc.array(hostile, { maxLength: 8 }).map((parts) => parts.join("\n\n"));

  it("never outputs executable markup, whatever the Markdown", () => {
    fc.assert(
      fc.property(document, (markdown) => {
        const { body } = renderBody(markdown);
        return findExecutable(body.html).length === 0 && findExecutable(toPageHtml(body.html)).length === 0;
      }),
      { numRuns: 300 },
    );
  });

  it("escapeHtml leaves no markup-significant character", () => {
    fc.assert(fc.property(fc.string(), (text) => !/[<>"'&](?!#\d+;)/.test(escapeHtml(text).replace(/&#\d+;/g, ""))));
  });

  it("titles never carry markup from their text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (title) => {
        const { html: out } = renderTitle(title);
        // Outside KaTeX's output, a title is text only.
        const outsideMath = out.replace(/<span class="katex">[\s\S]*?<\/span><\/span><\/span>(?=[^<]|$)/g, "");
        return findExecutable(out, { svg: true }).length === 0 && (title.includes("$") || !/</.test(outsideMath));
      }),
      { numRuns: 300 },
    );
  });
});
