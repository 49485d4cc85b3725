// Small string helpers for HTML and titles, with no dependencies: everything
// that renders pages, feeds or citations uses them without loading the Markdown
// and math stack, which only compiling a paper needs.

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A formula in plain text (a summary's opening, which becomes feed summaries,
 * meta and social descriptions and JSON-LD): its TeX between dollars, `$x^2$`
 * inline and `$$…$$` on display, as it was typed and as the mail digests write
 * it. Bare TeX (`we show \sum_i x_i \le \alpha`) reads as noise; the dollars
 * say where the formula starts and ends, and are what a reader who knows TeX
 * expects.
 */
export function mathAsText(tex: string, display: boolean): string {
  const fence = display ? "$$" : "$";
  return `${fence}${tex.trim()}${fence}`;
}

/**
 * Shortens plain text to about `max` characters at a word boundary, never
 * inside a formula: a cut that would leave a `$` unclosed moves back to
 * before that formula (`mathAsText`), so no description ends in half a TeX
 * command.
 */
export function excerpt(text: string, max = 200): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  if (space > max / 2) cut = cut.slice(0, space);
  const open = unclosedFormula(cut);
  // A summary that opens with a formula longer than the excerpt keeps its cut: nothing would be left before it.
  if (open > 0) cut = cut.slice(0, open);
  return `${cut.replace(/[\s,;:.]+$/, "")}…`;
}

/** Where the formula that `text` leaves open starts, or -1 when every `$` or `$$` is closed. */
function unclosedFormula(text: string): number {
  let open = -1;
  let fence = "";
  for (const match of text.matchAll(/(?<!\\)\$\$?/g)) {
    if (open < 0) {
      open = match.index;
      fence = match[0];
    } else if (match[0] === fence) {
      open = -1;
    }
  }
  return open;
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

const ANNOTATED = /<semantics>([\s\S]*?)<annotation encoding="application\/x-tex">[^<]*<\/annotation><\/semantics>/g;
const MATHML_NAMESPACE = ' xmlns="http://www.w3.org/1998/Math/MathML"';

/**
 * A summary's HTML as pages carry it: each formula's TeX annotation (which
 * browsers never show) and its namespace (implied in HTML) left out, a tenth
 * of the page's bytes. Feeds keep the namespace and the TeX (`toFeedHtml`),
 * and mail digests read the TeX back from the annotation.
 */
export function toPageHtml(html: string): string {
  if (!html.includes("<math")) return html;
  return html.replaceAll(MATHML_NAMESPACE, "").replace(ANNOTATED, "$1");
}

const ANNOTATED_MATH = /<math([^>]*)><semantics>([\s\S]*?)<annotation encoding="application\/x-tex">([^<]*)<\/annotation><\/semantics><\/math>/g;

/**
 * A summary's HTML as feeds carry it: each formula's TeX moves from its
 * `<annotation>` into the `<math>` element's `alttext`. A reader that renders
 * MathML shows the formula either way, but one that strips tags (many show a
 * plain-text preview, some nothing else) would print each formula twice, its
 * MathML's characters and then its TeX; an attribute is never printed, and
 * screen readers still find the TeX. The namespace stays: XML readers want it.
 */
export function toFeedHtml(html: string): string {
  if (!html.includes("<annotation")) return html;
  // The annotation's text is already escaped for element content; an attribute also needs its quotes escaped.
  return html.replace(
    ANNOTATED_MATH,
    (_match, attributes: string, mathml: string, tex: string) => `<math${attributes} alttext="${tex.replaceAll('"', "&#34;")}">${mathml}</math>`,
  );
}
