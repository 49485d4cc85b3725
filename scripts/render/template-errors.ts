// A Handlebars parse error → one sentence a template author can act on, with
// the line it is on. Handlebars reports in its grammar's terms, on four lines:
//
//   Parse error on line 21:
//   ...{{/each}}    {{/if}
//   -----------------------^
//   Expecting 'CLOSE', 'OPEN_SEXPR', 'ID', …, got 'INVALID'
//
// which becomes `expected "}}" but found "{{/if" …`; a block left open
// ("got 'EOF'") is named with the line it opens on, and a mismatched closing
// tag ("each doesn't match if - 2:3") says which block it closes.

/** What the diagnostic says: the line, the sentence, and how to fix it. */
export interface TemplateErrorReport {
  line: number;
  message: string;
  fix: string;
}

/** How Handlebars' grammar tokens read to a person. */
const TOKENS: Record<string, string> = {
  EOF: "the end of the file",
  CLOSE: '"}}"',
  CLOSE_UNESCAPED: '"}}}"',
  CLOSE_RAW_BLOCK: '"}}}}"',
  CLOSE_SEXPR: '")"',
  OPEN_SEXPR: '"("',
  OPEN: '"{{"',
  OPEN_BLOCK: '"{{#"',
  OPEN_ENDBLOCK: 'a closing "{{/…}}"',
  OPEN_INVERSE: '"{{^"',
  OPEN_INVERSE_CHAIN: '"{{else …}}"',
  INVERSE: '"{{else}}"',
  OPEN_UNESCAPED: '"{{{"',
  OPEN_PARTIAL: '"{{>"',
  OPEN_PARTIAL_BLOCK: '"{{#>"',
  OPEN_RAW_BLOCK: '"{{{{"',
  OPEN_BLOCK_PARAMS: '"as |…|"',
  CLOSE_BLOCK_PARAMS: '"|"',
  EQUALS: '"="',
  SEP: '"." or "/"',
  COMMENT: "a comment",
  CONTENT: "text",
};

/** Tokens that all mean "a value goes here": listed once, as that. */
const VALUES = new Set(["ID", "STRING", "NUMBER", "BOOLEAN", "UNDEFINED", "NULL", "DATA", "OPEN_SEXPR"]);

const PARSE_ERROR = /^Parse error on line (\d+):\n(.*)\n(-*)\^\nExpecting (.*), got '([A-Z_]+)'/;
const MISMATCH = /^(\S+) doesn't match (\S+) - (\d+):(\d+)/;

/**
 * Explains a Handlebars error thrown while parsing `source`; `parse` is the
 * parser, used once more to find which block a file leaves open.
 */
export function explainTemplateError(error: unknown, source: string, parse: (source: string) => unknown): TemplateErrorReport {
  const text = error instanceof Error ? error.message : String(error);
  const mismatch = MISMATCH.exec(text);
  if (mismatch) {
    const [, open, close, line] = mismatch;
    return {
      line: Number(line),
      message: `{{#${open}}} on this line is closed by {{/${close}}}`,
      fix: `close it with {{/${open}}} (blocks close in the reverse order they open), or correct the name in {{/${close}}}`,
    };
  }
  const parsed = PARSE_ERROR.exec(text);
  if (!parsed) {
    // Handlebars' other errors end in their position: "Invalid path: foo.this - 1:2".
    const located = /^(.*) - (\d+):\d+$/.exec(text.split("\n")[0]!);
    return located
      ? { line: Number(located[2]), message: located[1]!, fix: GENERAL_FIX }
      : { line: Number(/line (\d+)/.exec(text)?.[1] ?? 0), message: text.split("\n")[0]!, fix: GENERAL_FIX };
  }
  const [, lineText, snippet, dashes, expectedText, got] = parsed;
  const line = Number(lineText);
  const expected = expectedText!.split(", ").map((token) => token.replace(/^'|'$/g, ""));
  const at = dashes!.length;
  const before = snippet!.slice(Math.max(0, at - 24), at).replace(/^\.\.\./, "");
  const after = snippet!.slice(at, at + 24);

  if (got === "EOF" && expected.includes("OPEN_ENDBLOCK")) {
    const open = findUnclosedBlock(source, parse);
    return open
      ? { line: open.line, message: `{{#${open.name}}} on this line is never closed`, fix: `add {{/${open.name}}} where the block ends` }
      : { line, message: "the file ends inside a block that is never closed", fix: "add the closing {{/…}} for every {{#…}}" };
  }
  if (got === "OPEN_ENDBLOCK") {
    const tag = /^\{\{~?\/[^}]*\}\}/.exec(after)?.[0];
    return { line, message: `${tag ? quote(tag) : "a closing tag"} closes a block that was never opened`, fix: "remove it, or add the {{#…}} it closes" };
  }
  if (got === "INVERSE" || got === "OPEN_INVERSE_CHAIN") {
    return {
      line,
      message: "{{else}} stands outside any {{#if}}, {{#unless}} or {{#each}} block",
      fix: "move it inside the block it belongs to, or remove it",
    };
  }
  const found = got === "INVALID" || got === "CONTENT" ? quote(after) || "text Handlebars cannot read" : (TOKENS[got!] ?? got!.toLowerCase());
  const wanted = describeExpected(expected);
  return {
    line,
    message: `expected ${wanted} but found ${found}${before ? `, after ${quote(before)}` : ""}`,
    fix: expected.includes("CLOSE") ? 'close the expression with "}}", and check its name and arguments' : GENERAL_FIX,
  };
}

const GENERAL_FIX = "check that every {{#block}} has its {{/block}} and every {{ has its }}";

/** The expected tokens as a short list: the closing marks first, then "a name or value" once. */
function describeExpected(expected: string[]): string {
  const names: string[] = [];
  // A raw block's or a triple-stash's close is only worth naming when the usual "}}" is not possible.
  const closes = expected.includes("CLOSE") ? ["CLOSE"] : expected.filter((t) => t.startsWith("CLOSE"));
  for (const token of closes) names.push(TOKENS[token] ?? token);
  if (expected.some((t) => VALUES.has(t))) names.push("a name or value");
  for (const token of expected) {
    if (token.startsWith("CLOSE") || VALUES.has(token) || token === "SEP" || token === "OPEN_BLOCK_PARAMS") continue;
    names.push(TOKENS[token] ?? token.toLowerCase());
  }
  const unique = [...new Set(names)];
  if (unique.length === 0) return "something else";
  return unique.length === 1 ? unique[0]! : `${unique.slice(0, -1).join(", ")} or ${unique[unique.length - 1]}`;
}

function quote(text: string): string {
  const trimmed = text.trim();
  return trimmed ? `"${trimmed}"` : "";
}

/**
 * The innermost block a source leaves open, and the line it opens on: parsed
 * again with a closing tag no block can have, Handlebars names the open block
 * it does not match, with its position.
 */
function findUnclosedBlock(source: string, parse: (source: string) => unknown): { name: string; line: number } | undefined {
  try {
    parse(`${source}{{/paperboy-unclosed-block}}`);
  } catch (error) {
    const match = MISMATCH.exec(error instanceof Error ? error.message : "");
    if (match) return { name: match[1]!, line: Number(match[3]) };
  }
  return undefined;
}
