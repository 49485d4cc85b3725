// Markdown → safe HTML, with math rendered at build time.
//
// remark-html sanitises by default and we keep it that way: contributed Markdown is
// untrusted. Math cannot go through the sanitiser (KaTeX's output needs inline
// styles), so each formula leaves the tree as an inert placeholder that only our
// own handler can produce, and is swapped for KaTeX's output after sanitising.
// KaTeX escapes everything it prints and runs with `trust` off.
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
import { escapeHtml, splitTitle } from "../util/html-text.ts";
import { checkWebUrl, findForbiddenCharacter } from "./paper-schema.ts";
import { LEAD_CHARS, type RenderedBody } from "../types.ts";

/** A problem in a body, positioned relative to the body's first line (1-based). */
export interface BodyProblem {
  line: number;
  message: string;
  fix?: string;
  rule: RuleIn<"body">;
}

interface FormulaRef {
  tex: string;
  display: boolean;
  line: number;
}

/** Only http(s) links survive; the rest of GitHub's schema is kept as it is. */
const SCHEMA: Schema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, href: ["http", "https"], cite: ["http", "https"], src: ["http", "https"] },
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
 * `|`, strikethrough `~`, footnotes `[^`, task lists `[ ]`/`[x]`). Literal
 * autolinks, the costliest, are added when a parsed text node holds what one
 * starts with. test/content/markdown.test.ts checks that the result always equals
 * remark-gfm's.
 */
const GFM = [
  { micromark: gfmAutolinkLiteral(), mdast: gfmAutolinkLiteralFromMarkdown(), needed: () => false },
  { micromark: gfmFootnote(), mdast: gfmFootnoteFromMarkdown(), needed: (md: string) => md.includes("[^") },
  { micromark: gfmStrikethrough(), mdast: gfmStrikethroughFromMarkdown(), needed: (md: string) => md.includes("~") },
  { micromark: gfmTable(), mdast: gfmTableFromMarkdown(), needed: (md: string) => md.includes("|") },
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
    return { body: NOTHING, problems: [{ line: 1, rule: "body/too-complex", message: "the summary nests formatting too deeply to render (emphasis, links or lists inside each other hundreds of times)", fix: "write the summary as plain sentences" }] };
  }
}

/** Input the parser must not see: too long, or nested too deep on one line. */
function refuseUnparseable(markdown: string, lines: readonly string[]): BodyProblem | undefined {
  // Counted in characters (code points), which a text's UTF-16 length is never below.
  const length = markdown.length > MAX_BODY_CHARS ? [...markdown].length : markdown.length;
  if (length > MAX_BODY_CHARS) {
    return { line: 1, rule: "body/too-long", message: `the summary is ${length} characters long; at most ${MAX_BODY_CHARS} are allowed`, fix: "summarise the paper in a few sentences of your own; link to the paper for the rest" };
  }
  for (let i = 0; i < lines.length; i++) {
    if (lineNesting(lines[i]!) > MAX_LINE_NESTING) {
      return { line: i + 1, rule: "body/too-deep", message: `this line nests more than ${MAX_LINE_NESTING} quotes or lists inside each other`, fix: "write the summary as plain sentences, with at most a few levels of lists or quotes" };
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

/** Reports characters pages and feeds cannot carry, at the first line that has one. */
function checkCharacters(lines: readonly string[], problems: BodyProblem[]): void {
  const bad = lines.flatMap((text, index) => {
    const found = findForbiddenCharacter(text);
    return found ? [{ line: index + 1, found }] : [];
  });
  if (bad.length === 0) return;
  const others = bad.length > 1 ? ` (and on ${bad.length - 1} more ${bad.length === 2 ? "line" : "lines"})` : "";
  problems.push({
    line: bad[0]!.line,
    rule: "body/character",
    message: `contains the control character ${bad[0]!.found}, which pages and feeds cannot carry${others}`,
    fix: "delete it: it is invisible, so retype the words around it if you cannot find it",
  });
}

function renderTree(markdown: string, problems: BodyProblem[]): { body: RenderedBody; problems: BodyProblem[] } {
  const { tree, processor } = parseMarkdown(markdown);
  const formulas = inspectTree(tree, problems);
  const text = plainText(tree).replace(/\s+/g, " ").trim();
  if (text === "") {
    problems.push({ line: 1, rule: "body/empty", message: "the paper has no summary", fix: "write a few sentences about the paper below the closing --- line" });
  }
  const skeleton = processor.stringify(processor.runSync(tree) as Root) as string;
  const html = fillFormulas(skeleton, formulas, "htmlAndMathml", problems);
  return { body: { html, text, lead: text.slice(0, LEAD_CHARS) }, problems };
}

/** Renders a title: plain text with `$…$` inline math; `\$` is a literal dollar sign. */
export function renderTitle(title: string): { html: string; problems: BodyProblem[] } {
  const problems: BodyProblem[] = [];
  const html = splitTitle(title)
    .map((part) => (part.kind === "text" ? escapeHtml(part.text) : renderFormula({ tex: part.tex, display: false, line: 1 }, "htmlAndMathml", problems)))
    .join("");
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
        const problem = node.url.startsWith("mailto:") ? undefined : checkWebUrl(node.url);
        if (problem) problems.push({ line, rule: "body/link", message: `link to "${shorten(node.url)}" refused: ${problem}`, fix: "link to a full https:// address" });
        break;
      }
      case "image":
      case "imageReference":
        problems.push({ line, rule: "body/image", message: "images are not shown in the digest", fix: "link to the figure instead: [Figure 2](https://…)" });
        break;
      case "footnoteReference":
      case "footnoteDefinition":
        problems.push({ line, rule: "body/footnote", message: "footnotes are not supported in summaries", fix: "put the note in the sentence itself, in parentheses" });
        break;
    }
  });
  return formulas;
}

const INLINE_PARENTS = new Set(["paragraph", "heading", "emphasis", "strong", "delete", "link", "linkReference", "tableCell"]);

/** The words of a tree, blocks separated by spaces; math stays as its TeX source. */
function plainText(node: Nodes): string {
  if ("value" in node) return node.value;
  if (!("children" in node)) return "";
  return node.children.map((child) => plainText(child as Nodes)).join(INLINE_PARENTS.has(node.type) ? "" : " ");
}

function fillFormulas(skeleton: string, formulas: FormulaRef[], output: "htmlAndMathml" | "mathml", problems: BodyProblem[]): string {
  return skeleton.replace(PLACEHOLDER, (_match, _kind: string, index: string) => {
    const formula = formulas[Number(index)];
    return formula ? renderFormula(formula, output, problems) : "";
  });
}

function renderFormula(formula: FormulaRef, output: "htmlAndMathml" | "mathml", problems: BodyProblem[]): string {
  const refused: string[] = [];
  try {
    const html = katex.renderToString(formula.tex, {
      displayMode: formula.display,
      output,
      throwOnError: true,
      strict: "ignore",
      maxExpand: 1000,
      maxSize: 50,
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
    return html;
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
      problems.push({ line: formula.line, rule: "body/math", message: `math "${shorten(formula.tex)}" expands or nests too deeply to render`, fix: "write the formula out without recursive macros or deep nesting" });
      return `<code class="math-error">${escapeHtml(formula.tex)}</code>`;
    }
    throw error;
  }
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}
