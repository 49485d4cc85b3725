// Says, once and at the very end of `npm test`, that the browser tests were
// skipped and how to enable them; without it the skip would be easy to miss.
import { chromiumMissing, HOW_TO_ENABLE } from "./chromium.ts";

/** vitest global setup: returns the teardown that prints the notice. */
export default function setup(): () => void {
  return () => {
    const missing = chromiumMissing();
    if (!missing) return;
    const verdict = process.env.CI === "true" ? "so the browser tests FAILED (CI=true requires them)" : "so the browser tests in test/browser/ were SKIPPED";
    console.warn(`\n  ⚠ ${missing}, ${verdict}.\n    ${HOW_TO_ENABLE}\n`);
  };
}
