// The `import` block of paperboy.config.yaml → `ImportSettings`: which papers a
// bulk import keeps (categories, keywords, a maximum per day) and whether the
// scheduled workflow proposes them. Its own module so the rest of the
// configuration can change without touching it; `config.ts` plugs it in.
import { z } from "zod";
import { describeValue } from "./paper-schema.ts";
import { findForbiddenCharacter } from "./text-rules.ts";
import type { ImportSettings } from "../types.ts";

/** What a mistake in the block is told to look like. */
export const IMPORT_EXAMPLE = `for example:
  import:
    scheduled: true
    source: hugging-face
    categories: [cs.LG, cs.CL]
    keywords: [quantization, pruning]
    exclude_keywords: [survey]
    max_per_day: 20
see docs/configuration.md for every setting`;

const typeError = (expected: string) => (issue: { input?: unknown; code?: string }) =>
  issue.code === "invalid_type" ? `expected ${expected}, got ${describeValue(issue.input)}` : undefined;

/** One line of text: white space runs collapsed, no control characters, not empty, at most `max` characters. */
const line = (expected: string, max: number) =>
  z
    .string({ error: typeError(expected) })
    .transform((s) => s.normalize("NFC").replace(/\s+/g, " ").trim())
    .superRefine((s, ctx) => {
      if (s === "") ctx.addIssue({ code: "custom", message: `is empty; expected ${expected}` });
      else if (s.length > max) ctx.addIssue({ code: "custom", message: `is ${s.length} characters long; at most ${max} are allowed` });
      const bad = findForbiddenCharacter(s);
      if (bad) ctx.addIssue({ code: "custom", message: `contains the control character ${bad}` });
    });

/** A list, or one value written without brackets (`categories: cs.LG`), which means a list of one. */
const listOf = <T extends z.ZodType>(item: T, expected: string, max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" ? [value] : value),
    z.array(item, { error: typeError(expected) }).max(max, { error: `has more than ${max} entries` }),
  );

/** `cs.LG`, `math.OC`, `cond-mat.dis-nn`, `physics.comp-ph`, or a whole archive such as `astro-ph` or `cs`. */
const CATEGORY = /^[a-z]+(?:-[a-z]+)?(?:\.[A-Za-z]+(?:-[a-z]+)?)?$/;

const category = z.string({ error: typeError("an arXiv category such as cs.LG") }).superRefine((s, ctx) => {
  if (!CATEGORY.test(s))
    ctx.addIssue({
      code: "custom",
      message: `"${s.slice(0, 40)}" is not an arXiv category (expected e.g. cs.LG, math.OC, hep-th or a whole archive such as astro-ph)`,
    });
});

const wholeNumber = z.preprocess(
  // YAML numbers arrive as the digits typed (see yaml-source.ts).
  (value) => (typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value),
  z
    .number({ error: typeError("a whole number") })
    .int({ error: "must be a whole number" })
    .min(1, { error: "must be at least 1" })
    .max(1000, { error: "must be at most 1000" }),
);

/** The block's schema; `config.ts` places it under `import`. Every field is optional. */
export const IMPORT_SCHEMA = z
  .strictObject(
    {
      scheduled: z.boolean({ error: typeError("true or false") }).default(false),
      source: z.enum(["hugging-face", "arxiv"], { error: "is not a source (expected hugging-face or arxiv)" }).default("hugging-face"),
      query: line("an arXiv search such as cat:cs.LG AND abs:quantization", 1000).optional(),
      categories: listOf(category, "a list of arXiv categories such as [cs.LG, cs.CL]", 50).default([]),
      keywords: listOf(line("a word or phrase", 100), "a list of words or phrases such as [quantization, pruning]", 100).default([]),
      exclude_keywords: listOf(line("a word or phrase", 100), "a list of words or phrases such as [survey]", 100).default([]),
      max_per_day: wholeNumber.optional(),
    },
    { error: typeError("a set of fields: scheduled, source, query, categories, keywords, exclude_keywords, max_per_day") },
  )
  .superRefine((value, ctx) => {
    if (value.source === "arxiv" && value.query === undefined && value.categories.length === 0) {
      ctx.addIssue({ code: "custom", path: ["source"], message: "is arxiv, but there is neither a query nor categories to search arXiv for" });
    }
  });

/** The validated block as the rest of the code reads it. */
export function toImportSettings(value: z.output<typeof IMPORT_SCHEMA>): ImportSettings {
  return {
    scheduled: value.scheduled,
    source: value.source,
    ...(value.query !== undefined ? { query: value.query } : {}),
    categories: value.categories,
    keywords: value.keywords,
    excludeKeywords: value.exclude_keywords,
    ...(value.max_per_day !== undefined ? { maxPerDay: value.max_per_day } : {}),
  };
}

/** Settings when the configuration has no `import` block: nothing scheduled, nothing filtered. */
export const DEFAULT_IMPORT: ImportSettings = { scheduled: false, source: "hugging-face", categories: [], keywords: [], excludeKeywords: [] };

/**
 * The arXiv search a scheduled import runs: the configured query, else any of
 * the categories. An archive is asked for as itself (old papers carry `astro-ph`)
 * and with the wildcard arXiv's search accepts for its subjects (`astro-ph.*`).
 */
export function scheduledQuery(settings: ImportSettings): string | undefined {
  if (settings.query) return settings.query;
  if (settings.categories.length === 0) return undefined;
  return settings.categories.map((c) => (c.includes(".") ? `cat:${c}` : `cat:${c} OR cat:${c}.*`)).join(" OR ");
}
