// Where the browser tests find Chromium. Free of vitest imports, so the global
// setup (which reports skipped browser tests) can use it too.
import { existsSync } from "node:fs";

/** Where Chromium is looked for; `CHROMIUM_PATH` overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/** Why the browser tests cannot run here, or undefined when they can. */
export function chromiumMissing(): string | undefined {
  return existsSync(CHROMIUM_PATH) ? undefined : `Chromium was not found at ${CHROMIUM_PATH}`;
}

/** How to make the browser tests run. */
export const HOW_TO_ENABLE = "Install it with `sudo apt-get install chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary, then run `npm test` again.";
