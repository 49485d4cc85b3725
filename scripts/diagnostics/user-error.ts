// The failures that are the user's to fix, not Paperboy's bugs. Any stage may
// raise them; the command line prints them plainly and exits 1, and keeps the
// stack trace and "please report" (exit 70) for everything else.
import type { Diagnostic } from "../types.ts";

/** Something the person running Paperboy can fix (no dist/ to preview, a port refused): one line, and maybe a hint. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** Problems in the site's files (its configuration, its content), each with its file and line, found before anything started. */
export class ProblemsFound extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(`${diagnostics.length} problem(s) in the site's files`);
    this.name = "ProblemsFound";
  }
}
