// `npm run check [<file>…]`: every problem in the content, with the build's
// own rules, without building; only the files named, when some are.
import { defineCommand, EXIT } from "./command-line.ts";
import { printProblems } from "./print-problems.ts";
import { waitingFor } from "./waiting.ts";

/** `npm run check`. */
export const checkCommand = defineCommand({
  name: "check",
  summary: "validate the content without building: all of it, or only the files named",
  args: { usage: "[<file>…]", max: Infinity },
  options: {},
  details:
    "Named files are checked in full, and against the rest of the digest for a paper listed twice.\nIn GitHub Actions, each problem is also marked on its line of the pull request.",
  examples: ["npm run check", "npm run check content/papers/2025-10-06/baq.md"],
  async run({ args, root, env, io }) {
    const { checkContent } = await import("./check.ts");
    const { diagnostics, checked } = await checkContent(root, args, env, { onLockWait: waitingFor(io, root) });
    if (diagnostics.length > 0) {
      printProblems(diagnostics, env, io);
      return EXIT.problems;
    }
    io.out(args.length === 0 ? `All ${checked} papers are valid.` : checked === 1 ? "The paper is valid." : `All ${checked} papers named are valid.`);
    return EXIT.ok;
  },
});
