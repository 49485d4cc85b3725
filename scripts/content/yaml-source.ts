// YAML text → plain data plus the line of every key, so that a problem found
// later (by the schema) can still point at the line it is on.
import { LineCounter, parseDocument, visit, isMap, isSeq, isPair, isScalar, type Node as YamlNode } from "yaml";
import type { RuleIn } from "../diagnostics/rules.ts";
import type { Diagnostic } from "../types.ts";

/** A YAML mapping as data, with `lines` mapping dotted paths (`authors.1`, `links.code`) to 1-based lines. */
export interface YamlMapping {
  data?: Record<string, unknown>;
  lines: Record<string, number>;
  diagnostics: Diagnostic[];
}

const YAML_HINT = `check the quotes and indentation on this line; text containing ": " or starting with a quote, [, { or # needs "double quotes"`;

/**
 * Parses YAML that must be a mapping. Numbers keep the digits as typed (no field
 * of ours is numeric, and `2510.04560` must not become 2510.0456); aliases are
 * refused (they serve no purpose here and enable "billion laughs" expansion);
 * empty values count as absent.
 */
export function parseYamlMapping(text: string, file: string, exampleFix: string): YamlMapping {
  const diagnostics: Diagnostic[] = [];
  // No prototype: a `__proto__` field must get its own line like any other key.
  const lines: Record<string, number> = Object.create(null) as Record<string, number>;
  const fail = (line: number, rule: RuleIn<"yaml">, message: string, fix?: string): YamlMapping => {
    diagnostics.push({ file, line, rule, message, ...(fix ? { fix } : {}) });
    return { lines, diagnostics };
  };

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;

  for (const error of doc.errors) {
    const line = lineAt(error.pos[0]);
    if (error.code === "DUPLICATE_KEY") fail(line, "yaml/duplicate-field", "this field is given twice", "keep one of the two lines");
    else if (error.code === "RESOURCE_EXHAUSTION")
      fail(line, "yaml/too-deep", "lists or fields are nested too deeply to read", "a field holds text or a list of text; only links holds fields of its own");
    else fail(line, "yaml/syntax", `YAML syntax error: ${error.message.split(/ at line \d+/)[0]!.trim()}`, YAML_HINT);
  }
  if (diagnostics.length > 0) return { lines, diagnostics };

  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ""))) {
    return fail(1, "yaml/empty", "there are no fields", exampleFix);
  }
  if (!isMap(contents)) {
    return fail(
      lineAt(contents.range?.[0] ?? 0),
      "yaml/not-mapping",
      `expected "field: value" lines, not ${isSeq(contents) ? "a list" : "a single value"}`,
      exampleFix,
    );
  }

  let aliasLine = 0;
  visit(doc, {
    Alias(_key, node) {
      aliasLine ||= lineAt(node.range?.[0] ?? 0);
    },
    // A field's name must be text: a list, a set of fields or nothing as a key would be stringified ("[ a, b ]"), and reported at no line of its own.
    Pair(_key, pair, ancestors) {
      const key = pair.key as YamlNode | null;
      if (isScalar(key) && key.value !== null && key.value !== "") return;
      const offset = key?.range?.[0] ?? (pair.value as YamlNode | null)?.range?.[0] ?? 0;
      const parent = fieldPathOf(ancestors);
      diagnostics.push({
        file,
        line: lineAt(offset),
        ...(parent ? { field: parent } : {}),
        rule: "yaml/key",
        message:
          key === null || isScalar(key)
            ? "this field has no name before its colon"
            : `a field's name must be plain text, not ${isSeq(key) ? "a list" : isMap(key) ? "a set of fields" : "a YAML node"}`,
        fix: "write the field's name as plain text before the colon, e.g.\n  title: A Paper's Title",
      });
    },
    Scalar(key, node, ancestors) {
      if (node.type === "QUOTE_DOUBLE" && node.range) {
        const field = [fieldPathOf(ancestors), typeof key === "number" ? String(key) : ""].filter(Boolean).join(".");
        const escape = letterEscape(text.slice(node.range[0], node.range[1]));
        if (escape) {
          diagnostics.push({
            file,
            line: lineAt(node.range[0]),
            ...(field ? { field } : {}),
            rule: "yaml/escape",
            message: `inside "double quotes" YAML reads ${escape} as a control character, not as LaTeX`,
            fix: `use 'single quotes' for text with backslashes, e.g. title: 'Scaling $\\theta$ Estimates', or double each backslash (\\\\${escape.slice(1)})`,
          });
        }
      }
      if (typeof node.value === "number" && node.type === "PLAIN" && typeof node.source === "string") node.value = node.source;
    },
  });
  if (diagnostics.length > 0) return { lines, diagnostics };
  if (aliasLine) return fail(aliasLine, "yaml/alias", "YAML aliases (*name) are not allowed here", "write the value out in full");

  const data = doc.toJS({ maxAliasCount: 0 }) as Record<string, unknown>;
  for (const [key, value] of Object.entries(data)) {
    if (value === null) delete data[key];
  }
  collectLines(contents, "", lines, lineAt);
  return { data, lines, diagnostics };
}

/** The dotted field path (`title`, `authors.0`) of a node, from its ancestors. */
function fieldPathOf(ancestors: readonly unknown[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ancestors.length; i++) {
    const node = ancestors[i];
    if (isPair(node) && isScalar(node.key)) parts.push(String(node.key.value));
    else if (isSeq(node)) {
      const child = ancestors[i + 1];
      const index = child === undefined ? -1 : node.items.indexOf(child as never);
      if (index >= 0) parts.push(String(index));
    }
  }
  return parts.join(".");
}

/** The first escape like `\t` or `\f` in a double-quoted scalar's source: LaTeX typed in the wrong quotes. */
function letterEscape(source: string): string | undefined {
  for (const match of source.matchAll(/\\(.)/g)) {
    if ("0abtnvfreN_LP".includes(match[1]!)) return match[0];
  }
  return undefined;
}

function collectLines(node: YamlNode | null, prefix: string, lines: Record<string, number>, lineAt: (offset: number) => number): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      const keyPath = prefix ? `${prefix}.${key}` : key;
      lines[keyPath] = lineAt((pair.key as YamlNode | null)?.range?.[0] ?? 0);
      collectLines(pair.value as YamlNode | null, keyPath, lines, lineAt);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const itemPath = `${prefix}.${index}`;
      const itemNode = item as YamlNode | null;
      lines[itemPath] = itemNode?.range ? lineAt(itemNode.range[0]) : (lines[prefix] ?? 0);
      collectLines(itemNode, itemPath, lines, lineAt);
    });
  }
}
