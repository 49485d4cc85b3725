// Diagnostics → text for people (the terminal) and for GitHub (workflow
// commands that put each problem on its line of a pull request's diff).
import type { Diagnostic } from "../types.ts";

/**
 * Makes control and direction characters visible as `<U+001B>`. Messages quote
 * what a contributor typed (a tag, a file name), and raw, an escape sequence would
 * act on the terminal or the CI log (erase the line, print "all valid" in green)
 * and an override would reverse the line.
 */
export function visible(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, (c) => `<${codePointLabel(c)}>`);
}

/** A character as messages name it: `U+001B`, `U+1F600`. */
export function codePointLabel(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

function printable(d: Diagnostic): Diagnostic {
  return { ...d, file: visible(d.file), message: visible(d.message), ...(d.field ? { field: visible(d.field) } : {}), ...(d.fix ? { fix: visible(d.fix) } : {}) };
}

/** `file:line: field: message`, then the fix indented beneath it. */
export function formatDiagnostic(raw: Diagnostic): string {
  const d = printable(raw);
  const where = d.line > 0 ? `${d.file}:${d.line}` : d.file;
  const head = `${where}: ${d.field ? `${d.field}: ` : ""}${d.message}`;
  if (!d.fix) return head;
  const [first, ...rest] = d.fix.split("\n");
  return [head, `  fix: ${first}`, ...rest.map((line) => `       ${line}`)].join("\n");
}

/** The closing line: how many problems in how many files. */
export function summarise(diagnostics: readonly Diagnostic[]): string {
  const files = new Set(diagnostics.map((d) => d.file)).size;
  const problems = diagnostics.length;
  return `${problems} ${problems === 1 ? "problem" : "problems"} in ${files} ${files === 1 ? "file" : "files"}.`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** A GitHub Actions `::error` workflow command for one diagnostic. */
export function formatGithubAnnotation(raw: Diagnostic): string {
  const d = printable(raw);
  const properties = [`file=${escapeProperty(d.file)}`];
  if (d.line > 0) properties.push(`line=${d.line}`);
  properties.push(`title=${escapeProperty(d.field ? `${d.field}: ${d.rule}` : d.rule)}`);
  const message = d.fix ? `${d.message}\nfix: ${d.fix}` : d.message;
  return `::error ${properties.join(",")}::${escapeData(message)}`;
}
