// The `import` block of paperboy.config.yaml: defaults when absent, every
// setting read, and each mistake reported on its own line with a fix.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../scripts/content/config.ts";
import { scheduledQuery } from "../../scripts/content/import-config.ts";

const BASE = "title: T\ndescription: D\nurl: https://example.org/\nauthor:\n  name: A\n";
const problems = (block: string) => parseConfig(`${BASE}${block}`).diagnostics.map((d) => `${d.line}: ${d.field}: ${d.message}`);

describe("the import block", () => {
  it("is absent unless written, and then fills in its defaults: nothing scheduled, nothing filtered", () => {
    expect(parseConfig(BASE).config!.import).toBeUndefined();
    expect(parseConfig(`${BASE}import:\n  scheduled: true\n`).config!.import).toEqual({
      scheduled: true,
      source: "hugging-face",
      categories: [],
      keywords: [],
      excludeKeywords: [],
    });
  });

  it("reads every setting; one value without brackets is a list of one, and numbers arrive as numbers", () => {
    const config = parseConfig(
      `${BASE}import:\n  scheduled: false\n  source: arxiv\n  query: cat:cs.LG AND  abs:quantization\n  categories: cs.LG\n  keywords:\n    - quantization\n    - 2025\n  exclude_keywords: [survey, position paper]\n  max_per_day: 20\n`,
    ).config!;
    expect(config.import).toEqual({
      scheduled: false,
      source: "arxiv",
      query: "cat:cs.LG AND abs:quantization",
      categories: ["cs.LG"],
      keywords: ["quantization", "2025"],
      excludeKeywords: ["survey", "position paper"],
      maxPerDay: 20,
    });
  });

  it("reports each mistake on its own line, with the block's example as the fix", () => {
    const block = [
      "import:", // 6
      "  scheduled: yes", // 7
      "  source: rss", // 8
      "  categories: [cs.LG, 'Machine Learning']", // 9
      "  keywords: {a: b}", // 10
      "  max_per_day: 0", // 11
      "  shedule: true", // 12
      "",
    ].join("\n");
    expect(problems(block)).toEqual([
      "7: import.scheduled: expected true or false, got a string",
      "8: import.source: is not a source (expected hugging-face or arxiv)",
      '9: import.categories.1: "Machine Learning" is not an arXiv category (expected e.g. cs.LG, math.OC, hep-th or a whole archive such as astro-ph)',
      "10: import.keywords: expected a list of words or phrases such as [quantization, pruning], got a set of fields",
      "11: import.max_per_day: must be at least 1",
      '12: import.shedule: "shedule" is not a known setting',
    ]);
    const invalid = parseConfig(`${BASE}import:\n  max_per_day: 0\n`).diagnostics[0]!;
    expect(invalid).toMatchObject({ rule: "config/invalid", file: "paperboy.config.yaml" });
    expect(invalid.fix).toMatch(/^for example:\n {2}import:\n {4}scheduled: true/);
  });

  it("asks for something to search when the scheduled source is arXiv", () => {
    expect(problems("import:\n  source: arxiv\n")).toEqual(["7: import.source: is arxiv, but there is neither a query nor categories to search arXiv for"]);
    expect(problems("import:\n  source: arxiv\n  categories: [cs.LG]\n")).toEqual([]);
  });

  it("refuses control characters and empty keywords", () => {
    expect(problems('import:\n  keywords: ["quant\\u0007", ""]\n')).toEqual([
      "7: import.keywords.0: contains the control character U+0007",
      "7: import.keywords.1: is empty; expected a word or phrase",
    ]);
  });
});

describe("scheduledQuery", () => {
  it("is the configured query, else any of the categories, an archive with its subjects", () => {
    const settings = { scheduled: true, source: "arxiv" as const, categories: ["cs.LG", "astro-ph"], keywords: [], excludeKeywords: [] };
    expect(scheduledQuery(settings)).toBe("cat:cs.LG OR cat:astro-ph OR cat:astro-ph.*");
    expect(scheduledQuery({ ...settings, query: "abs:kan" })).toBe("abs:kan");
    expect(scheduledQuery({ ...settings, categories: [] })).toBeUndefined();
  });
});
