// The options of `npm run new`, in one table: the command line parses them and
// prints them in `--help` from here. Kept apart from the command's work, so
// that `--help` loads nothing but this.
import type { OptionTable } from "./command-line.ts";

/** Every option `new` takes. */
export const NEW_OPTIONS = {
  day: { type: "string", value: "YYYY-MM-DD", help: "the digest day to write to (default: today in UTC; for --hf-day, that day)" },
  slug: { type: "string", value: "<name>", help: "the file name, without .md, for one paper (default: from the title)" },
  manual: { type: "boolean", help: "write a template with every field explained, to fill in by hand" },
  "hf-day": { type: "string", value: "YYYY-MM-DD", help: "the papers of that day on Hugging Face's Daily Papers" },
  query: { type: "string", value: "<search>", help: 'an arXiv search, e.g. "cat:cs.LG AND abs:quantization"' },
  since: { type: "string", value: "YYYY-MM-DD", help: "with --query: papers first submitted on or after that day" },
  max: { type: "string", value: "<n>", help: "with --query: at most n results (default 50, at most 1000)" },
  scheduled: { type: "string", value: "YYYY-MM-DD", help: "what the scheduled workflow runs: the configured source for that day" },
  "no-filters": { type: "boolean", help: "ignore the import filters of paperboy.config.yaml" },
  "skip-ids": { type: "string", value: "<file>", help: "treat the arXiv ids in that file as already handled" },
  "dry-run": { type: "boolean", help: "print what would be written, and write nothing" },
  strict: { type: "boolean", help: "exit 1 when any paper fails, not only when none could be written" },
  api: { type: "string", value: "<url>", help: "arXiv's API address (default: export.arxiv.org; also PAPERBOY_ARXIV_API)" },
  "hf-api": { type: "string", value: "<url>", help: "Hugging Face's daily-papers API (also PAPERBOY_HF_API)" },
} as const satisfies OptionTable;
