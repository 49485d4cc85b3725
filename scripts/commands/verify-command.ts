// `npm run verify`: the built site, checked as it will be published: every XML
// file well-formed, the feeds readable, every internal link resolving under the
// base path, pages valid HTML. What a pull request's check runs after the build.
import path from "node:path";
import { defineCommand, EXIT } from "./command-line.ts";
import { printProblems } from "./print-problems.ts";

/** `npm run verify`. */
export const verifyCommand = defineCommand({
  name: "verify",
  summary: "check the built site: XML well-formed, feeds readable, every internal link resolves, pages valid HTML",
  options: {
    out: { type: "string", value: "<dir>", help: "check <dir> instead of dist/" },
  },
  examples: ["npm run build && npm run verify", "npm run verify -- --out /tmp/site"],
  async run({ options, root, io, env }) {
    const { verifySite } = await import("./verify.ts");
    const { diagnostics, problems, counts } = await verifySite({ root, ...(options.out ? { outDir: options.out } : {}) });
    if (diagnostics.length > 0) {
      printProblems(diagnostics, env, io);
      return EXIT.problems;
    }
    const shown = `${path.relative(root, path.resolve(root, options.out ?? "dist")) || "."}/`;
    for (const problem of problems) io.err(problem);
    if (problems.length > 0) {
      io.err(`\n${problems.length} ${problems.length === 1 ? "problem" : "problems"} in the built site ${shown}`);
      return EXIT.problems;
    }
    io.out(
      `Verified ${shown}: ${counts.files} files; ${counts.xml} XML files well-formed, ${counts.feeds} feeds readable, every internal link of ${counts.pages} pages resolves, ${counts.validated} pages (every paper's and day's, one of each other kind) valid HTML.`,
    );
    return EXIT.ok;
  },
});
