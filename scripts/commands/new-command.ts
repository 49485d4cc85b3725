// `npm run new`: papers from arXiv (one, several, a Hugging Face day or an
// arXiv search), or a template to fill in by hand, → new files in the digest.
// Everything that can fail is checked before a file is written, and a failure
// says what to do instead. The work is in new-cli.ts, loaded only when run.
import { defineCommand } from "./command-line.ts";
import { NEW_OPTIONS } from "./new-options.ts";
import { printProblems } from "./print-problems.ts";

/** `npm run new`. */
export const newCommand = defineCommand({
  name: "new",
  summary: "add papers from arXiv (by id, a Hugging Face day or a search), or write a template to fill in by hand",
  args: { usage: "<id-or-link>…", max: Infinity },
  options: NEW_OPTIONS,
  details: `An id may be written 2510.04567, arXiv:2510.04567v2, hep-th/9901001, or as an arxiv.org link.
Papers already in the digest (any version, any day) are skipped. Papers found with --hf-day
or --query pass the filters of the import block in paperboy.config.yaml (docs/importing.md).`,
  examples: [
    "npm run new -- 2510.04567",
    "npm run new -- 2510.04567 2510.01234 --day 2025-10-06",
    "npm run new -- --hf-day 2025-10-06 --dry-run",
    'npm run new -- --query "cat:cs.LG AND abs:quantization" --since 2025-10-01 --max 30',
    "npm run new -- --manual --slug my-paper",
  ],
  async run({ options, args, root, env, io }) {
    // Loaded on demand: only this command needs arXiv's client and its XML parser.
    const [{ runNewWith }, { todayUtc }] = await Promise.all([import("./new-cli.ts"), import("../util/dates.ts")]);
    // Ctrl-C stops a bulk import between two files, so every file it leaves is whole; a second Ctrl-C kills.
    const interrupt = new AbortController();
    const stop = () => interrupt.abort();
    process.once("SIGINT", stop);
    try {
      return await runNewWith(options, args, {
        root,
        env,
        today: todayUtc(),
        signal: interrupt.signal,
        out: (line) => io.out(line),
        err: (line) => io.err(line),
        report: (diagnostics) => printProblems(diagnostics, env, io),
      });
    } finally {
      process.off("SIGINT", stop);
    }
  },
});
