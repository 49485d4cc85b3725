// Small string helpers for HTML and titles, with no dependencies: everything
// that renders pages, feeds or citations uses them without loading the Markdown
// and math stack, which only compiling a paper needs.

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A piece of a title: plain text, or inline math as its TeX source. */
export type TitlePart = { kind: "text"; text: string } | { kind: "math"; tex: string };

/** Splits a title into text and `$…$` math; `\$` is a literal dollar sign. Every title format reads it this way. */
export function splitTitle(title: string): TitlePart[] {
  const parts: TitlePart[] = [];
  const text = (t: string) => {
    if (t === "") return;
    const previous = parts[parts.length - 1];
    if (previous?.kind === "text") previous.text += t;
    else parts.push({ kind: "text", text: t });
  };
  const pattern = /\\\$|\$((?:\\.|[^$\\])+)\$/g;
  let last = 0;
  for (const match of title.matchAll(pattern)) {
    text(title.slice(last, match.index));
    if (match[1] === undefined) text("$");
    else parts.push({ kind: "math", tex: match[1] });
    last = match.index + match[0].length;
  }
  text(title.slice(last));
  return parts;
}

/** The title as plain text for feeds and `<title>`: math stays as its TeX source. */
export function plainTitle(title: string): string {
  return title.replace(/\\\$/g, "$");
}

const MATHML_OPEN = '<span class="katex-mathml">';
const KATEX_HTML_OPEN = '<span class="katex-html" aria-hidden="true">';
const SPAN_TAG = /<span\b|<\/span>/g;
const KATEX_OPEN = '<span class="katex">';
const DISPLAY_OPEN = `<span class="katex-display">${KATEX_OPEN}`;

/**
 * The page HTML with math as MathML only, for feeds: feed readers load no
 * stylesheet, so KaTeX's HTML rendering would show as a jumble. KaTeX writes
 * the MathML beside the HTML rendering, so dropping the latter gives exactly
 * what KaTeX's `output: "mathml"` would (checked in the tests), without
 * rendering the math a second time.
 */
export function toFeedHtml(html: string): string {
  let out = "";
  let from = 0;
  for (let start = html.indexOf(MATHML_OPEN); start >= 0; start = html.indexOf(MATHML_OPEN, from)) {
    const mathEnd = html.indexOf("</math></span>", start);
    if (mathEnd < 0 || !html.startsWith(KATEX_HTML_OPEN, mathEnd + 14)) break;
    let before = html.slice(from, start);
    // MathML-only display math carries display="block" and no katex-display wrapper.
    const display = before.endsWith(DISPLAY_OPEN);
    if (display) before = before.slice(0, -DISPLAY_OPEN.length) + KATEX_OPEN;
    out += before + html.slice(start + MATHML_OPEN.length, mathEnd + 7);
    let depth = 0;
    SPAN_TAG.lastIndex = mathEnd + 14;
    for (let tag = SPAN_TAG.exec(html); tag; tag = SPAN_TAG.exec(html)) {
      depth += tag[0] === "</span>" ? -1 : 1;
      if (depth === 0) {
        from = tag.index + tag[0].length;
        break;
      }
    }
    if (display && html.startsWith("</span></span>", from)) {
      out += "</span>";
      from += 14;
    }
  }
  return out + html.slice(from);
}
