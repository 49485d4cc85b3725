// Diagnostics → text for people (the terminal) and for GitHub (workflow
// commands that put each problem on its line of a pull request's diff).
import type { Diagnostic } from "../types.ts";

/**
 * Makes control, line-breaking and direction characters visible as `<U+001B>`.
 * Messages quote what a contributor typed (a tag, a file name), and raw, an escape
 * sequence would act on the terminal or the CI log (erase the line, print "all
 * valid" in green), a line break would start a line of the contributor's choosing
 * (which GitHub Actions runs as a workflow command: see `safeLine`), and an
 * override would reverse the line.
 */
export function visible(text: string): string {
  return text.replace(/[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, (c) => `<${codePointLabel(c)}>`);
}

/** A character as messages name it: `U+001B`, `U+1F600`. */
export function codePointLabel(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * One line of the report, made unable to act as a GitHub Actions workflow command.
 * The runner reads every line of a step's output, stdout and stderr alike: a line
 * that starts with `::` after any leading space is a command (`::notice::`,
 * `::stop-commands::`, which silences every annotation after it), and so is any
 * line containing `##[`, the old syntax, which the runner still accepts anywhere
 * in a line. Both are shown with the character that would start them made visible.
 */
export function safeLine(line: string): string {
  const guarded = line.replaceAll("##[", "##<U+005B>");
  const start = /^\s*::/.exec(guarded);
  return start ? `${start[0].slice(0, -1)}<U+003A>${guarded.slice(start[0].length)}` : guarded;
}

/** A diagnostic with every part it quotes made visible; the fix keeps its own line breaks, each of its lines made visible. */
function printable(d: Diagnostic): Diagnostic {
  return {
    ...d,
    file: visible(d.file),
    message: visible(d.message),
    ...(d.field ? { field: visible(d.field) } : {}),
    ...(d.fix ? { fix: d.fix.split("\n").map(visible).join("\n") } : {}),
  };
}

/** `file:line: field: message`, then the fix indented beneath it; no line it prints can act as a workflow command. */
export function formatDiagnostic(raw: Diagnostic): string {
  const d = printable(raw);
  const where = d.line > 0 ? `${d.file}:${d.line}` : d.file;
  const head = `${where}: ${d.field ? `${d.field}: ` : ""}${d.message}`;
  if (!d.fix) return safeLine(head);
  const [first, ...rest] = d.fix.split("\n");
  return [head, `  fix: ${first}`, ...rest.map((line) => `       ${line}`)].map(safeLine).join("\n");
}

/** The closing line: how many problems in how many files. */
export function summarise(diagnostics: readonly Diagnostic[]): string {
  const files = new Set(diagnostics.map((d) => d.file)).size;
  const problems = diagnostics.length;
  return `${problems} ${problems === 1 ? "problem" : "problems"} in ${files} ${files === 1 ? "file" : "files"}.`;
}

/** A workflow command's message, escaped as GitHub documents: `%`, then `\r` and `\n`, so it stays one line. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A workflow command's property value, escaped as GitHub documents: the data escapes, plus `:` and `,`, which end a value. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * A GitHub Actions `::error` workflow command for one diagnostic. Its only line
 * breaks are the fix's own, escaped; every quoted character is visible first, so
 * nothing a contributor typed reaches the runner as a line of its own.
 */
export function formatGithubAnnotation(raw: Diagnostic): string {
  const d = printable(raw);
  const properties = [`file=${escapeProperty(d.file)}`];
  if (d.line > 0) properties.push(`line=${d.line}`);
  properties.push(`title=${escapeProperty(d.field ? `${d.field}: ${d.rule}` : d.rule)}`);
  const message = d.fix ? `${d.message}\nfix: ${d.fix}` : d.message;
  return `::error ${properties.join(",")}::${escapeData(message)}`;
}
