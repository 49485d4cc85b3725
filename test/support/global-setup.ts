// Says, once and at the very end of `npm test`, which tests were skipped (or,
// under CI=true, failed) for want of a program npm cannot supply, and how to
// install it; without it a skip would be easy to miss. The test files record
// their skips in a folder named by an environment variable set here, which the
// test workers inherit.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SKIPS_DIR_VARIABLE, skipNotice } from "./requirements.ts";

/** vitest global setup: returns the teardown that prints the notice. */
export default function setup(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), "paperboy-skips-"));
  process.env[SKIPS_DIR_VARIABLE] = dir;
  return () => {
    const notice = skipNotice(dir, process.env.CI === "true");
    if (notice) console.warn(notice);
    rmSync(dir, { recursive: true, force: true });
  };
}
