// arXiv's text → the digest's text. arXiv abstracts are plain text with LaTeX
// math (`$…$`, `\(…\)`, `$$…$$`, `\[…\]`), hard-wrapped at 80 columns, with a
// new paragraph wherever a line starts with white space; titles and names may
// carry TeX accents (`Schr\"odinger`). The digest's body is Markdown, so the
// text between formulas is escaped: the summary shows exactly what arXiv shows,
// and nothing in it can turn into emphasis, a list, a strikethrough or a link
// by accident.

/** A run of an arXiv text: words, or a formula with its TeX source. */
export type TextPart = { kind: "text"; value: string } | { kind: "math"; value: string; display: boolean };

const DELIMITERS: { open: string; close: string; display: boolean }[] = [
  { open: "$$", close: "$$", display: true },
  { open: "\\[", close: "\\]", display: true },
  { open: "\\(", close: "\\)", display: false },
  { open: "$", close: "$", display: false },
];

/** Splits text into words and formulas; `\$` is a dollar sign, and an unclosed delimiter is just text. */
export function splitMath(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let buffer = "";
  let i = 0;
  const flush = () => {
    if (buffer) parts.push({ kind: "text", value: buffer });
    buffer = "";
  };
  outer: while (i < text.length) {
    if (text.startsWith("\\$", i)) {
      buffer += "$";
      i += 2;
      continue;
    }
    for (const { open, close, display } of DELIMITERS) {
      if (!text.startsWith(open, i)) continue;
      const end = findClose(text, close, i + open.length);
      const tex = end === -1 ? "" : text.slice(i + open.length, end).trim();
      if (tex === "") continue;
      flush();
      parts.push({ kind: "math", value: tex, display });
      i = end + close.length;
      continue outer;
    }
    buffer += text[i];
    i++;
  }
  flush();
  return parts;
}

/** Where `close` next occurs at or after `from`, skipping backslash escapes such as `\$`. */
function findClose(text: string, close: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text.startsWith(close, i)) return i;
    if (text[i] === "\\" && close.startsWith("$")) i++;
  }
  return -1;
}

const COMBINING: Record<string, string> = {
  '"': "\u0308",
  "'": "\u0301",
  "`": "\u0300",
  "^": "\u0302",
  "~": "\u0303",
  "=": "\u0304",
  ".": "\u0307",
  u: "\u0306",
  v: "\u030C",
  H: "\u030B",
  r: "\u030A",
  c: "\u0327",
  k: "\u0328",
  d: "\u0323",
};

const LETTERS: Record<string, string> = { ss: "ß", aa: "å", AA: "Å", ae: "æ", AE: "Æ", oe: "œ", OE: "Œ", o: "ø", O: "Ø", l: "ł", L: "Ł", i: "ı", j: "ȷ" };

/** Turns TeX accents in plain text into the characters they stand for: `Schr\"odinger` → `Schrödinger`. */
export function decodeTexAccents(text: string): string {
  if (!text.includes("\\")) return text;
  return text
    .replace(/\\(ss|aa|AA|ae|AE|oe|OE|o|O|l|L|i|j)(?![A-Za-z])(?:\{\}|\s(?=[A-Za-z]))?/g, (_m, name: string) => LETTERS[name]!)
    .replace(/\\(["'`^~=.])\s*(?:\{\s*([A-Za-zıȷ])\s*\}|([A-Za-zıȷ]))/g, (_m, accent: string, braced?: string, bare?: string) =>
      combine(braced ?? bare!, accent),
    )
    .replace(/\\([uvHrckd])(?:\s*\{\s*([A-Za-zıȷ])\s*\}|\s+([A-Za-zıȷ]))/g, (_m, accent: string, braced?: string, bare?: string) =>
      combine(braced ?? bare!, accent),
    )
    .replace(/\{(\p{L}\p{M}*)\}/gu, "$1");
}

function combine(letter: string, accent: string): string {
  const base = letter === "ı" ? "i" : letter === "ȷ" ? "j" : letter;
  return `${base}${COMBINING[accent]}`.normalize("NFC");
}

/** LaTeX's escapes for the characters it reserves, which a reader should see as themselves. */
function decodeTexEscapes(text: string): string {
  return text.replace(/\\([%&#_{}])/g, "$1");
}

/** A title on one line: TeX accents decoded outside math, `\(…\)` written `$…$`, a lone `$` written `\$`. */
export function cleanTitle(title: string): string {
  return splitMath(title.replace(/\s+/g, " ").trim())
    .map((part) => (part.kind === "math" ? `$${part.value}$` : decodeTexEscapes(decodeTexAccents(part.value)).replace(/\$/g, "\\$")))
    .join("")
    .normalize("NFC");
}

/** An author's name as a reader should see it. */
export function cleanName(name: string): string {
  return decodeTexAccents(name.replace(/\s+/g, " ").trim()).normalize("NFC");
}

/**
 * An abstract as Markdown: hard wraps joined, one paragraph per indented line,
 * math kept as `$…$` (display math as a `$$` block), everything else escaped.
 */
export function abstractToMarkdown(summary: string): string {
  const blocks: string[] = [];
  for (const paragraph of splitParagraphs(summary)) {
    let inline = "";
    const flush = () => {
      const text = inline.trim();
      if (text) blocks.push(escapeBlockStart(text));
      inline = "";
    };
    for (const part of splitMath(paragraph)) {
      if (part.kind === "text") inline += escapeInline(decodeTexEscapes(decodeTexAccents(part.value)));
      else if (part.display) {
        flush();
        blocks.push(`$$\n${part.value}\n$$`);
      } else inline += `$${part.value}$`;
    }
    flush();
  }
  return blocks.join("\n\n");
}

/** Paragraphs of an arXiv abstract: a line starting with white space (or after a blank line) starts a new one. */
export function splitParagraphs(summary: string): string[] {
  const lines = summary
    .replace(/\r\n?/g, "\n")
    .replace(/^\s*\n/, "")
    .split("\n");
  const paragraphs: string[] = [];
  let current: string[] = [];
  lines.forEach((line, index) => {
    const startsNew = index > 0 && (/^\s/.test(line) || line.trim() === "");
    if (startsNew && current.length > 0) {
      paragraphs.push(current.join(" "));
      current = [];
    }
    if (line.trim()) current.push(line.trim());
  });
  if (current.length > 0) paragraphs.push(current.join(" "));
  return paragraphs.map((p) => p.replace(/\s+/g, " ").trim()).filter(Boolean);
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/g;

/** Escapes what Markdown would read as syntax; web addresses become `<…>` autolinks, whole. */
function escapeInline(text: string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = trimUrl(match[0]);
    out += escapeCharacters(text.slice(last, match.index));
    out += `<${url}>`;
    last = match.index + url.length;
  }
  return out + escapeCharacters(text.slice(last));
}

/** Drops the sentence punctuation that follows an address (`…/pykan.` → `…/pykan`), keeping balanced brackets. */
function trimUrl(url: string): string {
  let end = url.length;
  while (end > 0) {
    const c = url[end - 1]!;
    if (".,;:!?'\"".includes(c)) end--;
    else if (c === ")" && count(url.slice(0, end), "(") < count(url.slice(0, end), ")")) end--;
    else if (c === "]" && count(url.slice(0, end), "[") < count(url.slice(0, end), "]")) end--;
    else break;
  }
  return url.slice(0, end);
}

function count(text: string, c: string): number {
  return text.split(c).length - 1;
}

function escapeCharacters(text: string): string {
  return (
    text
      .replace(/[\\`*[\]<~$]/g, "\\$&")
      // An underscore inside a word (snake_case) cannot start emphasis, so it stays readable.
      .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, "\\_")
      .replace(/&(?=#?[A-Za-z0-9]+;)/g, "\\&")
  );
}

/** Escapes the first character of a paragraph that would start a heading, quote, list or rule. */
function escapeBlockStart(text: string): string {
  const ordered = /^(\d{1,9})([.)])(?=\s|$)/.exec(text);
  if (ordered) return `${ordered[1]}\\${ordered[2]}${text.slice(ordered[0].length)}`;
  if (/^(?:#{1,6}(?=\s|$)|>|[-+=](?=\s|$)|-{3,}\s*$|={3,}\s*$)/.test(text)) return `\\${text}`;
  return text;
}

/** The first GitHub repository named in a text, as a suggestion for the paper's code link. */
export function findCodeLink(text: string): string | undefined {
  const match = /https?:\/\/(?:www\.)?github\.com\/[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]+/.exec(text);
  return match
    ? trimUrl(match[0])
        .replace(/\.git$/, "")
        .replace(/^http:/, "https:")
    : undefined;
}
