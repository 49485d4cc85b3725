// Diagnostics → the terminal, the same way for every command: each problem
// with its file, line and fix on stderr, then how many; in GitHub Actions,
// also as annotations on stdout, which put each problem on its line of a diff.
import { formatDiagnostic, formatGithubAnnotation, summarise } from "../diagnostics/format.ts";
import type { Diagnostic } from "../types.ts";
import type { CommandIO } from "./command-line.ts";

/** Prints every problem, then the count and `after` (`dist/ was left as it was.`). */
export function printProblems(diagnostics: readonly Diagnostic[], env: NodeJS.ProcessEnv, io: CommandIO, after = ""): void {
  for (const d of diagnostics) io.err(formatDiagnostic(d));
  if (env.GITHUB_ACTIONS === "true") for (const d of diagnostics) io.out(formatGithubAnnotation(d));
  io.err(`\n${summarise(diagnostics)}${after ? ` ${after}` : ""}`);
}
