// Markdown → safe HTML, with math rendered at build time.
//
// remark-html sanitises by default and we keep it that way: contributed Markdown is
// untrusted. Math cannot go through the sanitiser (its schema has no MathML), so
// each formula leaves the tree as an inert placeholder that only our own handler
// can produce, and is swapped for KaTeX's output after sanitising. KaTeX escapes
// everything it prints and runs with `trust` off.
//
// Math is MathML only (MathML Core, which every current browser renders; the
// theme ships the STIX Two Math font for it). KaTeX's HTML rendering beside it
// was three quarters of a summary's bytes, needed a stylesheet and fonts of its
// own, and showed as a jumble wherever no stylesheet loads (feeds, mail). The
// MathML keeps its TeX source as an annotation, which pages leave out
// (`toPageHtml`) and mail turns back into `$…$`.
import katex from "katex";
import type { Element, ElementContent } from "hast";
import { defaultSchema, type Schema } from "hast-util-sanitize";
import type { Heading, Html, Image, ImageReference, Nodes, Root } from "mdast";
import type { InlineMath, Math as MathNode } from "mdast-util-math";
import { gfmAutolinkLiteralFromMarkdown } from "mdast-util-gfm-autolink-literal";
import { gfmFootnoteFromMarkdown } from "mdast-util-gfm-footnote";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import { gfmFootnote } from "micromark-extension-gfm-footnote";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import { combineExtensions } from "micromark-util-combine-extensions";
import remarkHtml from "remark-html";
import remarkMath from "remark-math";
import remarkParse from "remark-parse";
import { unified, type Processor } from "unified";
import { visit } from "unist-util-visit";
import type { State } from "mdast-util-to-hast";
import type { RuleIn } from "../diagnostics/rules.ts";
import { escapeHtml, mathAsText, splitTitle, toPageHtml } from "../util/html-text.ts";
import { checkWebUrl } from "./paper-schema.ts";
import { directionControlMessage, findDirectionControl, findForbiddenCharacter, forbiddenCharacterMessage, isVisible } from "./text-rules.ts";
import { LEAD_CHARS, type RenderedBody } from "../types.ts";

/** A problem in a body, positioned relative to the body's first line (1-based). */
export interface BodyProblem {
  line: number;
  message: string;
  fix?: string;
  /** A body rule; a title's problems (rendered by the same code) are the title field's. */
  rule: RuleIn<"body"> | "schema/title";
}

interface FormulaRef {
  tex: string;
  display: boolean;
  line: number;
}

/** Only http(s) links survive, and mailto: ones (checked in inspectTree); the rest of GitHub's schema is kept as it is. */
const SCHEMA: Schema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ["http", "https", "mailto"], cite: ["http", "https"], src: ["http", "https"] },
  attributes: {
    ...defaultSchema.attributes,
    code: [["className", /^language-./, "math-inline", "math-display"]],
  },
};

const PLACEHOLDER = /<code class="language-math math-(inline|display)">(\d+)<\/code>/g;

function mathPlaceholder(index: number, display: boolean): Element {
  return {
    type: "element",
    tagName: "code",
    properties: { className: ["language-math", display ? "math-display" : "math-inline"] },
    children: [{ type: "text", value: String(index) }],
  };
}

const handlers = {
  // Raw HTML is shown as the text the contributor typed, never interpreted.
  html: (_state: State, node: Html): ElementContent => ({ type: "text", value: node.value }),
  // Images would load from other hosts; they are refused (see inspectTree) and never rendered.
  image: (_state: State, node: Image): ElementContent => ({ type: "text", value: node.alt ?? "" }),
  imageReference: (_state: State, node: ImageReference): ElementContent => ({ type: "text", value: node.alt ?? "" }),
  inlineMath: (_state: State, node: InlineMath): Element => mathPlaceholder(mathIndexOf(node), false),
  math: (_state: State, node: MathNode): Element => mathPlaceholder(mathIndexOf(node), true),
  // The page's title is the h1 and its sections h2, so a summary's headings start at h3.
  heading: (state: State, node: Heading): Element => ({
    type: "element",
    tagName: `h${(node.data as { level?: number } | undefined)?.level ?? Math.min(6, node.depth + 2)}`,
    properties: {},
    children: state.all(node),
  }),
};

function mathIndexOf(node: InlineMath | MathNode): number {
  return (node.data as { mathIndex?: number } | undefined)?.mathIndex ?? -1;
}

/**
 * GitHub-flavoured Markdown, one syntax extension at a time (in remark-gfm's
 * order). The parser pays for an extension on every character, and most
 * summaries use none or one, so a summary is parsed with only the extensions
 * whose marker it contains; none can apply without its marker (tables need
 * `|` or a delimiter row, strikethrough `~`, footnotes `[^`, task lists `[ ]`/`[x]`). Literal
 * autolinks, the costliest, are added when a parsed text node holds what one
 * starts with. test/content/markdown.test.ts checks that the result always equals
 * remark-gfm's.
 */
const GFM = [
  { micromark: gfmAutolinkLiteral(), mdast: gfmAutolinkLiteralFromMarkdown(), needed: () => false },
  { micromark: gfmFootnote(), mdast: gfmFootnoteFromMarkdown(), needed: (md: string) => md.includes("[^") },
  { micromark: gfmStrikethrough(), mdast: gfmStrikethroughFromMarkdown(), needed: (md: string) => md.includes("~") },
  // A one-column table needs no pipe at all ("a\n:-"): a line that could be a delimiter row counts too.
  { micromark: gfmTable(), mdast: gfmTableFromMarkdown(), needed: (md: string) => md.includes("|") || /^[ \t]*:?-+:?[ \t]*$/m.test(md) },
  { micromark: gfmTaskListItem(), mdast: gfmTaskListItemFromMarkdown(), needed: (md: string) => /\[[ xX]\]/.test(md) },
] as const;
const AUTOLINK = 1;
const AUTOLINK_START = /https?:\/\/|www\.|@|mailto:|xmpp:/i;

// A memo: a frozen processor depends only on its extensions, and is reused for every file.
const processors = new Map<number, ReturnType<typeof makeProcessor>>();

function makeProcessor(mask: number) {
  const parts = GFM.filter((_, index) => mask & (1 << index));
  return unified()
    .use(remarkParse)
    .use(function gfmParts(this: Processor) {
      const data = this.data();
      (data.micromarkExtensions ??= []).push(combineExtensions(parts.map((part) => part.micromark)));
      (data.fromMarkdownExtensions ??= []).push(parts.map((part) => part.mdast));
    })
    .use(remarkMath)
    .use(remarkHtml, { sanitize: SCHEMA, handlers: handlers as never })
    .freeze();
}

function processorFor(mask: number): ReturnType<typeof makeProcessor> {
  let processor = processors.get(mask);
  if (!processor) processors.set(mask, (processor = makeProcessor(mask)));
  return processor;
}

/** Parses with the extensions the text can use (see GFM); returns the tree and the processor that made it. */
export function parseMarkdown(markdown: string): { tree: Root; processor: ReturnType<typeof makeProcessor> } {
  let mask = GFM.reduce((bits, part, index) => (part.needed(markdown) ? bits | (1 << index) : bits), 0);
  let processor = processorFor(mask);
  let tree = processor.parse(markdown) as Root;
  if (hasAutolinkStart(tree)) {
    mask |= AUTOLINK;
    processor = processorFor(mask);
    tree = processor.parse(markdown) as Root;
  }
  return { tree, processor };
}

function hasAutolinkStart(node: Nodes): boolean {
  if (node.type === "text") return AUTOLINK_START.test(node.value);
  if (!("children" in node)) return false;
  return node.children.some((child) => hasAutolinkStart(child as Nodes));
}

/**
 * Longest summary accepted, in characters. arXiv caps abstracts at 1,920; and the
 * Markdown parser takes time quadratic in the length of hostile input (thousands
 * of unmatched `*` or `[`), so the cap is what bounds a build's time per file.
 */
export const MAX_BODY_CHARS = 5000;

/**
 * Most cells a summary's tables may have, counted as rendered (GFM pads every row
 * to the header's width): a results table of a summary is a few rows of a few
 * columns, while 5,000 characters of `|` can make 775,000 cells (7.8 MB).
 */
export const MAX_TABLE_CELLS = 500;

/**
 * Most bytes a summary may render to, with its math as MathML and its TeX (the
 * copy feeds carry; pages leave the TeX out, so theirs is smaller). Every feed
 * that lists the paper repeats it, the site's three and two for each of up to
 * 12 tags, so this is the copy that multiplies. Math makes a summary several
 * times larger than its text: a 1,920-character abstract (arXiv's longest) with
 * a formula every few words takes 17 KB.
 */
export const MAX_SUMMARY_BYTES = 32 * 1024;

/**
 * Most bytes a title may render to with its math, as pages show it; it is on
 * every listing of the paper. The sample's largest is 0.6 KB; 4 KB is about
 * thirty-five `\sqrt{x}`.
 */
export const MAX_TITLE_BYTES = 4 * 1024;

/** Most block containers (`>` quotes, list items) one line may open; thousands overflow the parser's stack. */
const MAX_LINE_NESTING = 16;

const NOTHING: RenderedBody = { html: "", text: "", lead: "" };

/** Renders a paper's Markdown body; problems (bad math, unsafe links) come back with their lines. */
export function renderBody(markdown: string): { body: RenderedBody; problems: BodyProblem[] } {
  const lines = markdown.split("\n");
  const refused = refuseUnparseable(markdown, lines);
  if (refused) return { body: NOTHING, problems: [refused] };
  const problems: BodyProblem[] = [];
  checkCharacters(lines, problems);
  try {
    return renderTree(markdown, problems);
  } catch (error) {
    // Nesting that passes the line check (emphasis, brackets) can still exhaust the stack.
    if (!(error instanceof RangeError)) throw error;
    return {
      body: NOTHING,
      problems: [
        {
          line: 1,
          rule: "body/too-complex",
          message: "the summary nests formatting too deeply to render (emphasis, links or lists inside each other hundreds of times)",
          fix: "write the summary as plain sentences",
        },
      ],
    };
  }
}

/** Input the parser must not see: too long, or nested too deep on one line. */
function refuseUnparseable(markdown: string, lines: readonly string[]): BodyProblem | undefined {
  // Counted in characters (code points), which a text's UTF-16 length is never below.
  const length = markdown.length > MAX_BODY_CHARS ? [...markdown].length : markdown.length;
  if (length > MAX_BODY_CHARS) {
    return {
      line: 1,
      rule: "body/too-long",
      message: `the summary is ${length} characters long; at most ${MAX_BODY_CHARS} are allowed`,
      fix: "summarise the paper in a few sentences of your own; link to the paper for the rest",
    };
  }
  for (let i = 0; i < lines.length; i++) {
    if (lineNesting(lines[i]!) > MAX_LINE_NESTING) {
      return {
        line: i + 1,
        rule: "body/too-deep",
        message: `this line nests more than ${MAX_LINE_NESTING} quotes or lists inside each other`,
        fix: "write the summary as plain sentences, with at most a few levels of lists or quotes",
      };
    }
  }
  return undefined;
}

const CONTAINER_MARKER = /^[ \t]*(?:>[ \t]?|(?:[-+*]|\d{1,9}[.)])(?:[ \t]+|$))/;
const THEMATIC_BREAK = /^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/;

/** How many block containers a line opens at its start (`> > - 1. x` opens four). */
function lineNesting(line: string): number {
  if (THEMATIC_BREAK.test(line)) return 0;
  let depth = 0;
  for (let rest = line, match = CONTAINER_MARKER.exec(rest); match && match[0].length > 0; match = CONTAINER_MARKER.exec(rest)) {
    depth++;
    rest = rest.slice(match[0].length);
  }
  return depth;
}

/**
 * Reports characters pages and feeds cannot carry, and direction controls, each at
 * the first line that has one. A summary's opening becomes the page's description,
 * its social tags, its JSON-LD and its feed summaries, each shown inline beside
 * other text, where an unclosed override would reverse what follows; so bodies
 * refuse them as titles do.
 */
function checkCharacters(lines: readonly string[], problems: BodyProblem[]): void {
  const kinds = [
    {
      find: findForbiddenCharacter,
      message: forbiddenCharacterMessage,
      fix: "delete it: it is invisible, so retype the words around it if you cannot find it",
    },
    {
      find: findDirectionControl,
      message: directionControlMessage,
      fix: "delete it: it is invisible, so retype the words around it if you cannot find it; to set a word's direction, use U+200E or U+200F marks instead",
    },
  ];
  for (const kind of kinds) {
    const bad = lines.flatMap((text, index) => {
      const found = kind.find(text);
      return found ? [{ line: index + 1, found }] : [];
    });
    if (bad.length === 0) continue;
    const others = bad.length > 1 ? ` (and on ${bad.length - 1} more ${bad.length === 2 ? "line" : "lines"})` : "";
    problems.push({ line: bad[0]!.line, rule: "body/character", message: `${kind.message(bad[0]!.found)}${others}`, fix: kind.fix });
  }
}

function renderTree(markdown: string, problems: BodyProblem[]): { body: RenderedBody; problems: BodyProblem[] } {
  const { tree, processor } = parseMarkdown(markdown);
  const oversized = oversizedTable(tree);
  // Refused before rendering: the rows GFM would pad are the very bytes to avoid.
  if (oversized) return { body: NOTHING, problems: [...problems, oversized] };
  const formulas = inspectTree(tree, problems);
  const text = plainText(tree).replace(/\s+/g, " ").trim();
  if (!isVisible(text)) {
    // Zero-width spaces and the like show as a blank summary.
    problems.push({
      line: 1,
      rule: "body/empty",
      message: text === "" ? "the paper has no summary" : "the summary holds only invisible characters, so it would show as blank",
      fix: "write a few sentences about the paper below the closing --- line",
    });
  }
  const skeleton = wrapScrollRegions(processor.stringify(processor.runSync(tree) as Root) as string);
  const html = fillFormulas(skeleton, formulas, problems);
  const tooLarge = checkRenderedSize(html);
  if (tooLarge) problems.push(tooLarge);
  return { body: { html, text, lead: text.slice(0, LEAD_CHARS) }, problems };
}

/** The first table with more cells than a summary may have, as a problem at its line. */
function oversizedTable(tree: Root): BodyProblem | undefined {
  let found: BodyProblem | undefined;
  visit(tree, "table", (table) => {
    const columns = table.align?.length ?? Math.max(0, ...table.children.map((row) => row.children.length));
    const rows = table.children.length;
    if (rows * columns <= MAX_TABLE_CELLS) return undefined;
    found = {
      line: table.position?.start.line ?? 1,
      rule: "body/table-too-large",
      message: `this table has ${rows} rows of ${columns} columns (${rows * columns} cells); a summary's tables may have at most ${MAX_TABLE_CELLS} cells`,
      fix: "keep only the few results the summary is about; link to the paper for its full tables",
    };
    return false;
  });
  return found;
}

/** A problem when the summary renders larger than a feed may carry for one paper. */
function checkRenderedSize(html: string): BodyProblem | undefined {
  const bytes = Buffer.byteLength(html);
  if (bytes <= MAX_SUMMARY_BYTES) return undefined;
  return {
    line: 1,
    rule: "body/too-large",
    message: `the summary renders to ${kilobytes(bytes)} of HTML with its math; at most ${kilobytes(MAX_SUMMARY_BYTES)} are allowed`,
    fix: "use fewer or shorter formulas and tables (plain words and Unicode such as α or ≤ need no $…$); link to the paper for the rest",
  };
}

function kilobytes(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KB`;
}

/** Renders a title: plain text with `$…$` inline math; `\$` is a literal dollar sign. */
export function renderTitle(title: string): { html: string; problems: BodyProblem[] } {
  const problems: BodyProblem[] = [];
  const html = splitTitle(title)
    .map((part) => (part.kind === "text" ? escapeHtml(part.text) : renderFormula({ tex: part.tex, display: false, line: 1 }, problems)))
    .join("");
  const bytes = Buffer.byteLength(toPageHtml(html));
  if (bytes > MAX_TITLE_BYTES) {
    problems.push({
      line: 1,
      rule: "schema/title",
      message: `the title renders to ${kilobytes(bytes)} of HTML with its math; at most ${kilobytes(MAX_TITLE_BYTES)} are allowed`,
      fix: "write less of the title as math: plain words and Unicode (α, ≤, ²) need no $…$",
    });
  }
  return { html, problems };
}

/** Numbers the formulas in document order and reports Markdown the digest does not accept. */
function inspectTree(tree: Root, problems: BodyProblem[]): FormulaRef[] {
  const formulas: FormulaRef[] = [];
  let headingLevel = 2;
  visit(tree, (node: Nodes) => {
    const line = node.position?.start.line ?? 1;
    switch (node.type) {
      case "heading":
        // No level may be skipped (a summary that opens with ## would put an h4 under the page's h2).
        headingLevel = Math.min(node.depth + 2, headingLevel + 1, 6);
        node.data = { ...node.data, level: headingLevel } as unknown as NonNullable<typeof node.data>;
        break;
      case "math":
      case "inlineMath":
        node.data = { ...node.data, mathIndex: formulas.length } as unknown as NonNullable<typeof node.data>;
        formulas.push({ tex: node.value, display: node.type === "math", line });
        break;
      case "link":
      case "definition": {
        const mail = /^mailto:/i.test(node.url);
        const problem = mail ? checkMailto(node.url) : checkWebUrl(node.url);
        if (problem)
          problems.push({
            line,
            rule: "body/link",
            message: `link to "${shorten(node.url)}" refused: ${problem}`,
            fix: mail ? "link to the address alone, e.g. [write to the authors](mailto:ada@example.org)" : "link to a full https:// address",
          });
        // The sanitiser matches schemes as written: `HTTPS://…` passed the check above but would lose its href.
        else node.url = node.url.replace(/^[a-z][a-z0-9+.-]*:/i, (scheme) => scheme.toLowerCase());
        break;
      }
      case "image":
      case "imageReference":
        problems.push({ line, rule: "body/image", message: "images are not shown in the digest", fix: "link to the figure instead: [Figure 2](https://…)" });
        break;
      case "footnoteReference":
      case "footnoteDefinition":
        problems.push({
          line,
          rule: "body/footnote",
          message: "footnotes are not supported in summaries",
          fix: "put the note in the sentence itself, in parentheses",
        });
        break;
    }
  });
  return formulas;
}

/** What one address may be: a local part and a domain with a dot, neither holding spaces, brackets, quotes or separators. */
const EMAIL_ADDRESS = /^[^\s@,;:<>()[\]\\"]+@[^\s@,;:<>()[\]\\"/?#]+\.[^\s@,;:<>()[\]\\"/?#.][^\s@,;:<>()[\]\\"/?#]*$/u;

/**
 * A mailto: link (a written one, or an address GFM links by itself) names one
 * plain address: no second recipient, and no ?subject, ?body or ?cc that would
 * fill in a message the reader did not write.
 */
function checkMailto(url: string): string | undefined {
  const address = url.slice("mailto:".length);
  if (/[?&]/.test(address)) return "the link fills in parts of the message (?subject, ?body, ?cc); a link may only name the address";
  let decoded: string;
  try {
    decoded = decodeURIComponent(address);
  } catch {
    decoded = "";
  }
  if (/[\p{Cc}\p{Cf}]/u.test(decoded)) return "the address contains an invisible character; retype it";
  if (!EMAIL_ADDRESS.test(decoded)) return `"${shorten(decoded)}" is not one e-mail address (expected e.g. mailto:ada@example.org)`;
  return undefined;
}

const INLINE_PARENTS = new Set(["paragraph", "heading", "emphasis", "strong", "delete", "link", "linkReference", "tableCell"]);

/** The words of a tree, blocks separated by spaces; math stays as its TeX between dollars (`mathAsText`). */
function plainText(node: Nodes): string {
  if (node.type === "inlineMath" || node.type === "math") return mathAsText(node.value, node.type === "math");
  if ("value" in node) return node.value;
  if (!("children" in node)) return "";
  return node.children.map((child) => plainText(child as Nodes)).join(INLINE_PARENTS.has(node.type) ? "" : " ");
}

/**
 * Every box that may scroll sideways (a display formula, a table, a code block)
 * is a region keyboard users can reach: focusable, with a name for screen
 * readers (axe's scrollable-region-focusable). The sanitised HTML's tags are all
 * the renderer's own (raw HTML is text by now), so a `<table>` or `<pre>` here is
 * one Markdown made.
 */
const TABLE_REGION = '<div class="scroll-region" role="group" tabindex="0" aria-label="Table">';
const CODE_REGION = '<div class="scroll-region" role="group" tabindex="0" aria-label="Code">';
const FORMULA_REGION = '<div class="math-display scroll-region" role="group" tabindex="0" aria-label="Formula">';

function wrapScrollRegions(html: string): string {
  return html.replace(/<table>|<\/table>|<pre>|<\/pre>/g, (tag) =>
    tag === "<table>" ? TABLE_REGION + tag : tag === "<pre>" ? CODE_REGION + tag : `${tag}</div>`,
  );
}

/**
 * A formula inside our own wrapper, whatever KaTeX (or MathML alone) puts in it:
 * the stylesheet bounds and clips the wrapper (`.math-inline`, `.math-display`),
 * so no formula can widen the page or paint outside its own box.
 */
function wrapFormula(html: string, display: boolean): string {
  return display ? `${FORMULA_REGION}${html}</div>` : `<span class="math-inline">${html}</span>`;
}

function fillFormulas(skeleton: string, formulas: FormulaRef[], problems: BodyProblem[]): string {
  return skeleton.replace(PLACEHOLDER, (_match, _kind: string, index: string) => {
    const formula = formulas[Number(index)];
    return formula ? renderFormula(formula, problems) : "";
  });
}

function renderFormula(formula: FormulaRef, problems: BodyProblem[]): string {
  const refused: string[] = [];
  try {
    const html = katex.renderToString(formula.tex, {
      displayMode: formula.display,
      output: "mathml",
      throwOnError: true,
      strict: "ignore",
      maxExpand: 1000,
      // Every size a formula states (\rule, \raisebox, \kern, \hspace) at most 10 em: about 190 px, half a phone's width.
      maxSize: 10,
      trust: (context) => {
        refused.push(context.command);
        return false;
      },
    });
    if (refused.length > 0) {
      problems.push({
        line: formula.line,
        rule: "body/math-command",
        message: `math uses ${refused.join(", ")}, which the digest does not allow`,
        fix: "put links in the Markdown around the formula, not inside it",
      });
    }
    return wrapFormula(html, formula.display);
  } catch (error) {
    if (error instanceof katex.ParseError) {
      const detail = (error as katex.ParseError & { rawMessage?: string }).rawMessage ?? error.message;
      problems.push({
        line: formula.line,
        rule: "body/math",
        message: `math "${shorten(formula.tex)}" cannot be rendered: ${detail}`,
        fix: "check the LaTeX; KaTeX's supported commands are listed at https://katex.org/docs/supported (write \\$ for a dollar sign)",
      });
      return `<code class="math-error">${escapeHtml(formula.tex)}</code>`;
    }
    // Macros that double their argument, or braces thousands deep, exhaust KaTeX's stack.
    if (error instanceof RangeError) {
      problems.push({
        line: formula.line,
        rule: "body/math",
        message: `math "${shorten(formula.tex)}" expands or nests too deeply to render`,
        fix: "write the formula out without recursive macros or deep nesting",
      });
      return `<code class="math-error">${escapeHtml(formula.tex)}</code>`;
    }
    throw error;
  }
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}
