// The real validators the hardening tests run: the Nu HTML Checker (vnu.jar on
// the machine's Java), html-validate in-process (as npm run verify runs it), and libxml2 (compiled to
// WebAssembly, from npm: no xmllint needed) for well-formedness and the Atom
// RELAX NG schema. Each fails loudly when it cannot run: a validator that
// silently did not run would prove nothing.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import { ParseOption, RelaxNGValidator, XmlDocument, XmlValidateError } from "libxml2-wasm";
import { parse, serialize, type DefaultTreeAdapterMap } from "parse5";
import { xmlProblems as xmlTextProblems } from "../../scripts/output/check-xml.ts";
import { ROOT } from "./helpers.ts";

const run = promisify(execFile);
const require = createRequire(import.meta.url);

/** The vnu.jar shipped by the `vnu-jar` package. */
export const VNU_JAR: string = String(require("vnu-jar"));
/** RFC 4287's RELAX NG schema in XML syntax (see test/support/schemas/atom.rnc for its provenance). */
export const ATOM_RNG = path.join(ROOT, "test", "support", "schemas", "atom.rng");

/** One problem the Nu HTML Checker reports. */
export interface NuMessage {
  url: string;
  type: string;
  message: string;
  extract?: string;
  lastLine?: number;
}

/**
 * Checks HTML files with the Nu HTML Checker, all in one JVM (it takes seconds to
 * start), and returns every error it reports.
 */
export async function checkWithNu(files: readonly string[]): Promise<NuMessage[]> {
  if (files.length === 0) throw new Error("checkWithNu: no files to check");
  // Nu writes its JSON report to stderr; --exit-zero-always keeps "errors found" apart from "could not run".
  const { stderr } = await run("java", ["-Xss8m", "-jar", VNU_JAR, "--errors-only", "--exit-zero-always", "--format", "json", ...files], {
    maxBuffer: 64 * 1024 * 1024,
  });
  const report = JSON.parse(stderr) as { messages: NuMessage[] };
  return report.messages.filter((m) => m.type === "error" || m.type === "non-document-error");
}

/** Checks XML files for well-formedness; returns `file:line:column: message` for every error. */
export async function xmlFileProblems(files: readonly string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const file of files) problems.push(...xmlTextProblems(await readFile(file, "utf8")).map((p) => `${file}:${p}`));
  return problems;
}

/** Checks XML texts (name → text) for well-formedness; returns their complaints, or "" when all are well-formed. */
export async function xmlProblems(texts: Record<string, string>): Promise<string> {
  return Object.entries(texts)
    .flatMap(([name, text]) => xmlTextProblems(text).map((p) => `${name}:${p}`))
    .join("\n");
}

/** Validates XML files against a RELAX NG schema (XML syntax); returns `file:line: message` for every error. */
export async function relaxNgProblems(files: readonly string[], schema: string): Promise<string[]> {
  const schemaDoc = XmlDocument.fromString(await readFile(schema, "utf8"), { option: ParseOption.XML_PARSE_NONET });
  const validator = RelaxNGValidator.fromDoc(schemaDoc);
  const problems: string[] = [];
  try {
    for (const file of files) {
      const doc = XmlDocument.fromString(await readFile(file, "utf8"), { option: ParseOption.XML_PARSE_NONET });
      try {
        validator.validate(doc);
      } catch (error) {
        if (!(error instanceof XmlValidateError)) throw error;
        problems.push(...error.details.map((d) => `${file}:${d.line}: ${d.message.trim()}`));
      } finally {
        doc.dispose();
      }
    }
  } finally {
    validator.dispose();
    schemaDoc.dispose();
  }
  return problems;
}

/** html-validate as `npm run verify` runs it (scripts/output/check-html.ts), for the tests to hold pages to the same rules. */
export { createHtmlValidator, htmlProblems } from "../../scripts/output/check-html.ts";

/** The HTML standard's parse errors in a page (bad characters, duplicate attributes, …), from parse5. */
export function parseErrors(html: string): string[] {
  const errors: string[] = [];
  parse(html, { onParseError: (error) => errors.push(`${error.code} at line ${error.startLine}`) });
  return errors;
}

type Node = DefaultTreeAdapterMap["node"];

/** The `<body>` of an HTML page, serialised: where content lands (the `<head>` only carries escaped text). */
export function bodyOf(html: string): string {
  const find = (node: Node): Node | undefined => {
    if ("tagName" in node && node.tagName === "body") return node;
    if ("childNodes" in node) {
      for (const child of node.childNodes) {
        const found = find(child);
        if (found) return found;
      }
    }
    return undefined;
  };
  const body = find(parse(html) as unknown as Node);
  if (!body) throw new Error("page has no <body>");
  return serialize(body as never);
}
