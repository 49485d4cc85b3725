// Plain text from a summary (math between dollars, excerpts that never cut a
// formula) and the summary's HTML as feeds carry it (the TeX in alttext).
import fc from "fast-check";
import katex from "katex";
import { parseFragment, type DefaultTreeAdapterMap } from "parse5";
import { describe, expect, it } from "vitest";
import { renderBody } from "../../scripts/content/markdown.ts";
import { excerpt, toFeedHtml } from "../../scripts/util/html-text.ts";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

describe("a summary's plain text", () => {
  it("keeps each formula as its TeX between dollars, inline and on display", () => {
    const { body } = renderBody("We show $\\sum_{i=1}^n x_i^2 \\le \\alpha$ for **all** $n$.\n\n$$\n\\sqrt{d}\n$$\n\nA literal \\$5 stays.\n");
    expect(body.text).toBe("We show $\\sum_{i=1}^n x_i^2 \\le \\alpha$ for all $n$. $$\\sqrt{d}$$ A literal $5 stays.");
    expect(body.lead).toBe(body.text);
  });
});

describe("excerpt", () => {
  it("cuts at a word boundary, and before a formula rather than inside it", () => {
    expect(excerpt("short", 10)).toBe("short");
    expect(excerpt("one two three four five six", 12)).toBe("one two…");
    const text = "We bound the loss by $\\sum_{i=1}^n x_i^2 \\le \\alpha \\cdot \\beta$ for every n.";
    expect(excerpt(text, 40)).toBe("We bound the loss by…");
    expect(excerpt("Display: $$a + b + c + d$$ and more words here.", 20)).toBe("Display…");
    // A summary that opens with a long formula keeps something.
    expect(excerpt("$a + b + c + d + e + f + g$ is long", 12).length).toBeGreaterThan(1);
  });

  it("never leaves a formula open, whatever the text and length", () => {
    const word = fc.oneof(
      fc.constantFrom("a", "word", "\\alpha", "x^2", "b+c"),
      fc.string({ maxLength: 6 }).map((s) => s.replace(/[$\\]/g, "")),
    );
    const formula = fc.array(word, { minLength: 1, maxLength: 5 }).chain((words) => fc.constantFrom(`$${words.join(" ")}$`, `$$${words.join(" ")}$$`));
    fc.assert(
      fc.property(fc.array(fc.oneof(word, formula), { maxLength: 30 }), fc.integer({ min: 10, max: 120 }), (parts, max) => {
        const text = parts.join(" ");
        const cut = excerpt(text, max);
        if (cut === text || cut.startsWith("$")) return;
        expect(cut.length).toBeLessThanOrEqual(max);
        // Every `$$` and `$` opened in the excerpt is closed in it.
        let open: string | undefined;
        for (const match of cut.matchAll(/\$\$?/g)) open = open === undefined ? match[0] : open === match[0] ? undefined : open;
        expect(open, cut).toBeUndefined();
      }),
    );
  });
});

describe("toFeedHtml", () => {
  const texts = (html: string) => {
    const found: string[] = [];
    const walk = (node: Node) => {
      if (node.nodeName === "#text") found.push((node as DefaultTreeAdapterMap["textNode"]).value);
      if ("childNodes" in node) node.childNodes.forEach(walk);
    };
    walk(parseFragment(html) as unknown as Node);
    return found.join("");
  };
  const mathOf = (html: string) => {
    let math: Element | undefined;
    const walk = (node: Node) => {
      if (!math && "tagName" in node && node.tagName === "math") math = node;
      if ("childNodes" in node) node.childNodes.forEach(walk);
    };
    walk(parseFragment(html) as unknown as Node);
    return math!;
  };

  it("moves each formula's TeX from its annotation to alttext, keeping the MathML and its namespace", () => {
    for (const tex of ["x^2", "a<b", "a \\& b", '\\text{"quoted"}', "\\frac{a}{b}", "\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}"]) {
      for (const displayMode of [false, true]) {
        const stored = `<p>before ${katex.renderToString(tex, { output: "mathml", displayMode })} after</p>`;
        const feed = toFeedHtml(stored);
        expect(feed, tex).not.toContain("<annotation");
        const math = mathOf(feed);
        expect(math.attrs.find((a) => a.name === "alttext")?.value, tex).toBe(tex);
        expect(math.attrs.find((a) => a.name === "xmlns")?.value).toBe("http://www.w3.org/1998/Math/MathML");
        if (displayMode) expect(math.attrs.find((a) => a.name === "display")?.value).toBe("block");
        // What a tag-stripping reader prints: the stored HTML without its TeX, so each formula once.
        const annotation = texts(stored).length - texts(feed).length;
        expect(annotation, tex).toBe(tex.length);
      }
    }
  });

  it("leaves HTML without math as it is", () => {
    expect(toFeedHtml("<p>no <em>math</em> here</p>")).toBe("<p>no <em>math</em> here</p>");
  });
});
