// A paper arXiv describes + the configuration's import filters → whether the
// digest wants it, and if not, why (one phrase, naming the setting). Keywords
// match at the start of a word, ignoring case, accents and the difference
// between a hyphen and a space: `quantiz` finds "Quantization" and "quantized",
// `low-bit` finds "low bit", and `rl` does not find "world".
import type { ArxivEntry } from "./api.ts";
import type { ImportSettings } from "../types.ts";

/** The filters one import applies; the scheduling fields of `ImportSettings` play no part. */
export type ImportFilters = Pick<ImportSettings, "categories" | "keywords" | "excludeKeywords">;

/** Lowercase, accents and marks removed, hyphens and runs of white space as one space. */
function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[\s\u2010-\u2015-]+/g, " ")
    .trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whether `text` mentions `keyword`, at the start of a word (see the top of this file). */
export function mentions(text: string, keyword: string): boolean {
  const wanted = fold(keyword);
  if (wanted === "") return false;
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])${escapeRegExp(wanted)}`, "u").test(fold(text));
}

/** Whether arXiv files the paper under `category`: the category itself, or any subject of an archive (`astro-ph` takes `astro-ph.GA`). */
function filedUnder(entry: ArxivEntry, category: string): boolean {
  return entry.categories.some((c) => c === category || c.startsWith(`${category}.`));
}

/** Why the filters leave the paper out, as a phrase naming the setting; `undefined` when it is wanted. */
export function rejectionOf(entry: ArxivEntry, filters: ImportFilters): string | undefined {
  if (filters.categories.length > 0 && !filters.categories.some((c) => filedUnder(entry, c))) {
    return `arXiv files it under ${entry.categories.join(", ") || "no category"}, none of import.categories (${filters.categories.join(", ")})`;
  }
  const text = `${entry.title}\n${entry.summary}`;
  if (filters.keywords.length > 0 && !filters.keywords.some((k) => mentions(text, k))) {
    return `its title and abstract mention none of import.keywords (${filters.keywords.join(", ")})`;
  }
  const excluded = filters.excludeKeywords.find((k) => mentions(text, k));
  if (excluded !== undefined) return `it mentions "${excluded}", one of import.exclude_keywords`;
  return undefined;
}
