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

const ANNOTATED = /<semantics>([\s\S]*?)<annotation encoding="application\/x-tex">[^<]*<\/annotation><\/semantics>/g;
const MATHML_NAMESPACE = ' xmlns="http://www.w3.org/1998/Math/MathML"';

/**
 * A summary's HTML as pages carry it: each formula's TeX annotation (which
 * browsers never show) and its namespace (implied in HTML) left out, a tenth
 * of the page's bytes. Feeds keep both: XML readers want the namespace, and
 * mail digests read the TeX back from the annotation.
 */
export function toPageHtml(html: string): string {
  if (!html.includes("<math")) return html;
  return html.replaceAll(MATHML_NAMESPACE, "").replace(ANNOTATED, "$1");
}
