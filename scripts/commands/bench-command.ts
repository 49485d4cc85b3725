// `npm run bench`: the build measured on a synthetic digest, in every
// situation a maintainer meets (bench/run.ts); optionally beside Hugo and Eleventy.
import { defineCommand, EXIT } from "./command-line.ts";

/** `npm run bench`. */
export const benchCommand = defineCommand({
  name: "bench",
  summary: "measure the build on a synthetic digest (cold, warm, an edit, an addition, a template)",
  options: {
    papers: { type: "count", value: "<n>", help: "papers in the synthetic digest (default 10000)" },
    runs: { type: "count", value: "<n>", help: "runs per scenario; the table shows the median (default 3)" },
    compare: { type: "boolean", help: "also build the same digest with Hugo and Eleventy, where installed" },
    "no-dev": { type: "boolean", help: "leave out the dev server's rebuild" },
    keep: { type: "boolean", help: "keep the synthetic digest and its builds (the folder is printed)" },
  },
  details: "The digest is written to a temporary folder, never to content/. Each build is a fresh process.",
  examples: ["npm run bench -- --papers 1000 --runs 1"],
  async run({ options, io }) {
    const { runBenchmark } = await import("./bench/run.ts");
    await runBenchmark(
      { papers: options.papers ?? 10_000, runs: options.runs ?? 3, compare: options.compare ?? false, dev: !options["no-dev"], keep: options.keep ?? false },
      (line) => io.out(line),
    );
    return EXIT.ok;
  },
});
