// A synthetic digest of any size, for pagination and for measuring the search
// index: papers built directly as data (no Markdown rendering), from a seeded
// generator, so every run makes the same corpus.
import { randomSource } from "../../scripts/commands/bench/corpus.ts";
import { addDays } from "../../scripts/util/dates.ts";
import { DEFAULT_PAGE_SIZE, DEFAULT_ARXIV_LINKS } from "../../scripts/content/config.ts";
import { memoryBodyStore, type BodyStore } from "../../scripts/content/body-store.ts";
import { LEAD_CHARS, type Paper, type PaperBody, type SiteConfig } from "../../scripts/types.ts";

const FIRST = [
  "Ada",
  "Alan",
  "Grace",
  "Yoshua",
  "Fei-Fei",
  "Łukasz",
  "Noam",
  "Ilya",
  "Mira",
  "Chao",
  "Li",
  "Rui",
  "Zihan",
  "Samson",
  "Merouane",
  "Hongchen",
  "Tong",
  "Shiwei",
  "Jiajun",
  "Linjie",
  "Amina",
  "Kwame",
  "Sofía",
  "José",
  "Priya",
  "Anika",
  "Oren",
  "Yuki",
  "Dmitri",
  "Camille",
];
const LAST = [
  "Lovelace",
  "Turing",
  "Hopper",
  "Bengio",
  "Li",
  "Kaiser",
  "Shazeer",
  "Sutskever",
  "Murati",
  "Zhang",
  "Wang",
  "Pan",
  "Lasaulce",
  "Debbah",
  "Wei",
  "Liu",
  "Wu",
  "Yin",
  "Csordas",
  "Okafor",
  "Mensah",
  "Núñez",
  "García",
  "Sharma",
  "Müller",
  "Cohen",
  "Tanaka",
  "Ivanov",
  "Dubois",
  "Nakamura",
  "Schmidt",
  "Rossi",
];
const TAGS = [
  "llm",
  "quantization",
  "efficiency",
  "theory",
  "vision",
  "diffusion",
  "reinforcement-learning",
  "optimization",
  "neural-collapse",
  "pruning",
  "distillation",
  "agents",
  "retrieval",
  "multimodal",
  "speech",
  "robotics",
  "graphs",
  "interpretability",
  "safety",
  "benchmarks",
  "3d",
  "video",
  "protein",
  "physics",
  "math-reasoning",
  "code",
  "long-context",
  "moe",
  "federated",
  "privacy",
];
// Words of real summaries (the sample digest's), so the vocabulary has a realistic shape.
const COMMON =
  "the a of and to in is for with that on by we as at from this model models are be an which its it can than our training data layer layers method results performance show shows large language learning neural network networks deep weights weight attention transformer quantization bits bitwidth loss error accuracy parameters tokens token memory compute cost speed faster lower higher state art across tasks benchmark benchmarks experiments propose new approach framework trained pretrained fine-tuning inference time scaling depth width mixture experts routing sparse dense linear convex optimal closed-form solution problem analysis theory theoretical empirical evidence connectivity mode basin collapse features classes geometry mesh generation 3d point cloud diffusion image images vision text multimodal reasoning chain step steps reward policy gradient reinforcement agent agents retrieval context long short window efficient efficiency perplexity gptq sensitivity hessian proxy pipeline post-training calibration dataset datasets evaluation baseline baselines improves improvement outperforms reduces reduction percent times orders magnitude".split(
    " ",
  );

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A word that occurs rarely: names of methods, datasets and numbers make real vocabularies grow. */
function rareWord(random: () => number): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const length = 4 + Math.floor(random() * 6);
  let word = "";
  for (let i = 0; i < length; i++) word += letters[Math.floor(random() * letters.length)];
  return random() < 0.3 ? `${word}-${Math.floor(random() * 100)}` : word;
}

function sentence(random: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(random() < 0.12 ? rareWord(random) : pick(random, COMMON));
  const text = out.join(" ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/**
 * `count` papers spread over days from `firstDay` onwards, `perDay` to a day,
 * with 1–14 authors, 1–4 tags and a 3–5 sentence summary each.
 */
export function syntheticPapers(count: number, options: { seed?: number; perDay?: number; firstDay?: string } = {}): Paper[] {
  const random = randomSource(options.seed ?? 1);
  const perDay = options.perDay ?? 20;
  const papers: Paper[] = [];
  for (let i = 0; i < count; i++) {
    const day = addDays(options.firstDay ?? "2024-01-01", Math.floor(i / perDay));
    const title = sentence(random, 6 + Math.floor(random() * 8)).slice(0, -1);
    const authors = Array.from({ length: 1 + Math.floor(random() ** 2 * 14) }, () => `${pick(random, FIRST)} ${pick(random, LAST)}`);
    const tags = [...new Set(Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(random, TAGS)))].sort();
    const text = Array.from({ length: 3 + Math.floor(random() * 3) }, () => sentence(random, 12 + Math.floor(random() * 14))).join(" ");
    const number = String(i).padStart(5, "0");
    const slug = `paper-${number}`;
    papers.push({
      title,
      authors,
      arxiv: { id: `2401.${number}` },
      tags,
      links: {},
      draft: false,
      path: `content/papers/${day}/${slug}.md`,
      day,
      slug,
      id: `2401.${number}`,
      titleHtml: title,
      lead: text.slice(0, LEAD_CHARS),
      key: `synthetic-${number}`,
      lines: {},
    });
    summaries.set(papers[papers.length - 1]!, { html: `<p>${text}</p>\n`, text });
  }
  return papers;
}

/** The summaries of synthetic papers, which are not part of a paper (see `Paper`). */
const summaries = new WeakMap<Paper, PaperBody>();

/** A body store holding the summaries of synthetic papers. */
export function syntheticBodyStore(papers: readonly Paper[]): BodyStore {
  return memoryBodyStore(new Map(papers.map((paper) => [paper.key, summaries.get(paper)!])));
}

/** A configuration like the fixture's, with `overrides`. */
export function syntheticConfig(overrides: Partial<SiteConfig> = {}): SiteConfig {
  return {
    title: "Synthetic Digest",
    description: "A digest made up for tests.",
    url: "https://example.org/digest/",
    basePath: "/digest/",
    language: "en",
    author: { name: "Tests" },
    feedItems: 10,
    tagFeedItems: 5,
    pageSize: DEFAULT_PAGE_SIZE,
    arxivLinks: DEFAULT_ARXIV_LINKS,
    ...overrides,
  };
}
