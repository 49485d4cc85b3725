// A hash of Paperboy's own code and locked dependencies. It is part of every
// cache key and fingerprint, so upgrading Paperboy (a new validation rule, a
// changed helper, a new KaTeX) can never leave stale cached results behind.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { SOURCE_SCRIPTS } from "./source-root.ts";

/** The version of the generator whose source is in `scripts` (every .ts and .mjs file but the benchmark's) and whose lock file sits beside it. */
export function codeVersionOf(scripts: string): string {
  const hash = createHash("sha1");
  const files = readdirSync(scripts, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(ts|mjs)$/.test(file) && !file.startsWith(`commands${path.sep}bench${path.sep}`))
    .sort();
  for (const file of files)
    hash
      .update(file)
      .update("\0")
      .update(readFileSync(path.join(scripts, file)))
      .update("\0");
  try {
    hash.update(readFileSync(path.join(scripts, "..", "package-lock.json")));
  } catch {
    // Without a lock file, the code alone identifies the version.
  }
  return hash.digest("hex").slice(0, 16);
}

/** Changes whenever any of Paperboy's code or locked dependencies changes. */
export const CODE_VERSION = codeVersionOf(SOURCE_SCRIPTS);
