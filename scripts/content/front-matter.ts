// Paper source → raw entry: front matter split from the body by gray-matter, the
// YAML parsed with positions so every later problem can name its line.
import matter from "gray-matter";
import type { PaperSource } from "./discover.ts";
import type { RuleIn } from "../diagnostics/rules.ts";
import type { Diagnostic, RawEntry } from "../types.ts";
import { parseYamlMapping } from "./yaml-source.ts";

const FRONT_MATTER_FIX = `start the file with the fields between two --- lines, e.g.
  ---
  title: "BAQ: Efficient Bit Allocation Quantization for Large Language Models"
  authors:
    - Chao Zhang
  arxiv: "2506.05664"
  ---
  A summary of the paper in a few sentences.`;

class NotYamlError extends Error {}

/** gray-matter would `eval` front matter opened with `---js`; only YAML is ever parsed here. */
const refuse = () => {
  throw new NotYamlError();
};
const ENGINES = {
  yaml: { parse: () => ({}) },
  javascript: { parse: refuse },
  json: { parse: refuse },
  coffee: { parse: refuse },
  toml: { parse: refuse },
};

/** Normalises what editors vary on (byte-order mark, CRLF) without moving any line. */
export function normaliseText(text: string): string {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return withoutBom.replace(/\r\n?/g, "\n");
}

/** Splits a paper source into front matter and body; every problem comes back as a diagnostic. */
export function parseFrontMatter(source: PaperSource): { entry?: RawEntry; diagnostics: Diagnostic[] } {
  const file = source.path;
  const diagnostics: Diagnostic[] = [];
  const fail = (line: number, rule: RuleIn<"front-matter">, message: string, fix?: string) => {
    diagnostics.push({ file, line, rule, message, ...(fix ? { fix } : {}) });
    return { diagnostics };
  };

  const text = normaliseText(source.text);
  if (text.trim() === "") return fail(1, "front-matter/missing", "the file is empty", FRONT_MATTER_FIX);
  if (!/^---[ \t]*(\n|$)/.test(text)) {
    if (/^---\S/.test(text)) {
      return fail(1, "front-matter/not-yaml", `front matter must be YAML, but the first line is "${text.split("\n")[0]}"`, "make the first line exactly ---");
    }
    return fail(1, "front-matter/missing", "the file has no front matter (it must start with a --- line)", FRONT_MATTER_FIX);
  }
  if (!/\n---[ \t]*(\n|$)/.test(text)) {
    return fail(1, "front-matter/unclosed", "the front matter is never closed", "add a line with just --- after the last field, before the summary");
  }

  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = matter(text, { engines: ENGINES, language: "yaml" } as unknown as Parameters<typeof matter>[1]);
  } catch (error) {
    if (error instanceof NotYamlError) return fail(1, "front-matter/not-yaml", "front matter must be YAML", "make the first line exactly ---");
    throw error;
  }

  const yamlText = parsed.matter;
  const bodyLine = text.slice(0, text.length - parsed.content.length).split("\n").length;
  // gray-matter's `matter` starts right after the opening `---`, so its line N is line N of the file.
  const yaml = parseYamlMapping(yamlText, file, FRONT_MATTER_FIX);
  if (!yaml.data) return { diagnostics: yaml.diagnostics };
  const { data, lines } = yaml;
  return {
    entry: { path: source.path, day: source.day, slug: source.slug, data, body: parsed.content, bodyLine, lines },
    diagnostics,
  };
}
