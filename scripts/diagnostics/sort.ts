// Diagnostics → the order reports print them in.
import type { Diagnostic } from "../types.ts";

/** Orders diagnostics by file, then line, so reports read top to bottom. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
}
