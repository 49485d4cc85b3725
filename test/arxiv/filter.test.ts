// The configuration's import filters: categories (an archive takes its
// subjects), keywords that must appear, keywords that must not, each refusal
// naming the setting.
import { describe, expect, it } from "vitest";
import type { ArxivEntry } from "../../scripts/arxiv/api.ts";
import { mentions, rejectionOf, type ImportFilters } from "../../scripts/arxiv/filter.ts";

const entry = (fields: Partial<ArxivEntry> = {}): ArxivEntry => ({
  id: { id: "2510.04567" },
  title: "Bit Allocation for Quantized Models",
  summary: "We study low-bit post-training quantisation of Transformers.",
  authors: ["A"],
  published: "2025-10-06T00:00:00Z",
  categories: ["cs.LG", "stat.ML"],
  ...fields,
});
const none: ImportFilters = { categories: [], keywords: [], excludeKeywords: [] };

describe("mentions", () => {
  it("matches at the start of a word, ignoring case, accents, and hyphens against spaces", () => {
    expect(mentions("Quantization of LLMs", "quantiz")).toBe(true);
    expect(mentions("low bit widths", "low-bit")).toBe(true);
    expect(mentions("Schrödinger bridges", "schrodinger")).toBe(true);
    expect(mentions("the world model", "rl")).toBe(false);
    expect(mentions("RL from human feedback", "rl")).toBe(true);
    expect(mentions("C++ kernels", "c++")).toBe(true);
    expect(mentions("anything", "  ")).toBe(false);
  });
});

describe("rejectionOf", () => {
  it("keeps everything when no filter is set", () => {
    expect(rejectionOf(entry(), none)).toBeUndefined();
  });

  it("keeps a paper filed under one of the categories, primary or cross-list, or a subject of a listed archive", () => {
    expect(rejectionOf(entry(), { ...none, categories: ["stat.ML"] })).toBeUndefined();
    expect(rejectionOf(entry({ categories: ["astro-ph.GA"] }), { ...none, categories: ["astro-ph"] })).toBeUndefined();
    expect(rejectionOf(entry({ categories: ["astro-phys"] }), { ...none, categories: ["astro-ph"] })).toBe(
      "arXiv files it under astro-phys, none of import.categories (astro-ph)",
    );
    expect(rejectionOf(entry(), { ...none, categories: ["cs.CV", "cs.RO"] })).toBe(
      "arXiv files it under cs.LG, stat.ML, none of import.categories (cs.CV, cs.RO)",
    );
  });

  it("needs one of the keywords in the title or abstract, and none of the excluded ones", () => {
    expect(rejectionOf(entry(), { ...none, keywords: ["pruning", "quantis"] })).toBeUndefined();
    expect(rejectionOf(entry(), { ...none, keywords: ["pruning", "distillation"] })).toBe(
      "its title and abstract mention none of import.keywords (pruning, distillation)",
    );
    expect(rejectionOf(entry(), { ...none, excludeKeywords: ["survey", "transformer"] })).toBe('it mentions "transformer", one of import.exclude_keywords');
  });
});
