// `npm run new <id-or-link>`: a paper from arXiv (or a template to fill in by
// hand) → a new file in the digest. Everything that can fail is checked before
// anything is written, and a failure says what to do instead.
import { defineCommand, EXIT } from "./command-line.ts";
import { printProblems } from "./print-problems.ts";
import { UserError } from "../diagnostics/user-error.ts";

/** `npm run new`. */
export const newCommand = defineCommand({
  name: "new",
  summary: "add a paper from arXiv, or write a template to fill in by hand",
  args: { usage: "<id-or-link>", max: 1 },
  // One row per option: a new option is one more line here and one more field passed to createPaper below.
  options: {
    day: { type: "string", value: "YYYY-MM-DD", help: "the digest day to list it on (default: today, in UTC)" },
    slug: { type: "string", value: "<name>", help: "the file name, without .md (default: from the title)" },
    manual: { type: "boolean", help: "write a template with every field explained, to fill in by hand" },
    api: { type: "string", value: "<url>", help: "arXiv's API address (default: export.arxiv.org; also PAPERBOY_ARXIV_API)" },
  },
  details: "The id may be written 2510.04567, arXiv:2510.04567v2, hep-th/9901001, or as an arxiv.org link.",
  examples: ["npm run new -- 2510.04567", "npm run new -- https://arxiv.org/abs/2510.04567 --day 2025-10-06", "npm run new -- --manual --slug my-paper"],
  async run({ options, args, root, env, io }) {
    // Loaded on demand: only this command needs arXiv's client and its XML parser.
    const [{ createPaper, describeNewPaper, NewPaperError }, { todayUtc }] = await Promise.all([import("./new.ts"), import("../util/dates.ts")]);
    try {
      const result = await createPaper({
        root,
        today: todayUtc(),
        ...(args[0] !== undefined ? { input: args[0] } : {}),
        ...(options.day !== undefined ? { day: options.day } : {}),
        ...(options.slug !== undefined ? { slug: options.slug } : {}),
        manual: options.manual ?? false,
        arxiv: { apiUrl: options.api ?? (env.PAPERBOY_ARXIV_API || undefined) },
      });
      io.out(describeNewPaper(result));
      if (result.entry && result.problems.length > 0) {
        printProblems(result.problems, env, io);
        return EXIT.problems;
      }
      return EXIT.ok;
    } catch (error) {
      if (error instanceof NewPaperError) throw new UserError(error.message, error.hint);
      throw error;
    }
  },
});
