// A deterministic synthetic digest for benchmarks: the same `papers` count and
// seed always give byte-identical files. Realistic on purpose: 150–300-word
// bodies with inline and display math, links and emphasis; 3–12 authors with
// non-ASCII names; 2–4 tags from a pool of 30; some papers without an arXiv id.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { addDays } from "../../util/dates.ts";

/** The newest day of every synthetic digest; papers go back from it. */
export const CORPUS_END_DAY = "2025-10-06";

/** Small, fast, seedable PRNG (mulberry32): enough for reproducible corpora. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  "Ada",
  "Alan",
  "Łukasz",
  "José",
  "Zoë",
  "Søren",
  "Chloé",
  "Jürgen",
  "Ana",
  "Björn",
  "Hiroshi",
  "Mei",
  "Priya",
  "Olúwásèun",
  "Nguyễn",
  "Ayşe",
  "François",
  "Grzegorz",
  "Ingrid",
  "Kenji",
  "Leila",
  "Mateo",
  "Noor",
  "Otávio",
  "Radu",
  "Siobhán",
  "Tomás",
  "Wei",
  "Yusuf",
  "Zdeněk",
];
const LAST = [
  "Lovelace",
  "Turing",
  "Kaiser",
  "Núñez",
  "Müller",
  "Kierkegaard",
  "Dubois",
  "Schmidhuber",
  "García",
  "Åström",
  "Tanaka",
  "Chen",
  "Raman",
  "Adébáyọ̀",
  "Văn An",
  "Yılmaz",
  "Lefèvre",
  "Brzęczyszczykiewicz",
  "Bergström",
  "Sato",
  "Haddad",
  "Fernández",
  "Rahman",
  "Gonçalves",
  "Popescu",
  "Ó Briain",
  "Ruiz",
  "Zhang",
  "Özdemir",
  "Novák",
];
const SCRIPT_NAMES = ["李飞飞", "王小明", "山田太郎", "김민준", "محمد الخوارزمي", "Дмитрий Иванов", "Αλέξανδρος Παπαδόπουλος", "דוד כהן"];
const TAGS = [
  "llm",
  "reasoning",
  "multimodal",
  "quantization",
  "efficiency",
  "vision",
  "3d-vision",
  "diffusion",
  "image-generation",
  "video",
  "speech",
  "robotics",
  "reinforcement-learning",
  "theory",
  "optimization",
  "interpretability",
  "alignment",
  "safety",
  "benchmarks",
  "datasets",
  "retrieval",
  "agents",
  "code-generation",
  "graph-learning",
  "mixture-of-experts",
  "architecture",
  "training-dynamics",
  "federated-learning",
  "privacy",
  "medical",
];
const WORDS =
  "model models training inference scaling attention layer layers token tokens data dataset benchmark benchmarks loss gradient gradients optimizer representation representations embedding embeddings transformer transformers network networks parameter parameters accuracy latency throughput memory compute budget baseline baselines method methods approach framework analysis experiment experiments result results evaluation task tasks downstream pretraining finetuning alignment reward policy agent agents environment reasoning chain planning retrieval context window sequence sequences length sparse dense mixture expert experts routing quantization precision bit bits weight weights activation activations distillation teacher student robustness generalization distribution shift synthetic real world language vision audio video image images pixel pixels diffusion sampling noise schedule step steps decoder encoder head heads cache key value query softmax linear nonlinear convex bound theorem proof lemma rate convergence stability variance bias estimator sample complexity curriculum objective regularization dropout normalization residual stream depth width scale law laws".split(
    " ",
  );
const INLINE_MATH = [
  "$O(n \\log n)$",
  "$\\alpha = 0.1$",
  "$\\mathbb{E}[x^2]$",
  "$\\nabla_\\theta \\mathcal{L}$",
  "$k \\le 8$",
  "$\\sqrt{d_k}$",
  "$p(y \\mid x)$",
  "$\\lambda \\in (0, 1)$",
  "$3.2\\times$",
  "$\\|W\\|_F$",
  "$x_i^{(t)}$",
  "$\\mathcal{O}(1/\\sqrt{T})$",
];
const DISPLAY_MATH = [
  "$$\n\\mathcal{L}(\\theta) = -\\sum_{i=1}^{n} \\log p_\\theta(y_i \\mid x_i)\n$$",
  "$$\n\\mathrm{Attention}(Q, K, V) = \\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right) V\n$$",
  "$$\n\\min_{b_1, \\dots, b_L} \\sum_{l=1}^{L} \\sigma_l^2 \\, 2^{-2 b_l} \\quad \\text{s.t.} \\quad \\sum_l b_l \\le B\n$$",
  "$$\n\\|\\hat{\\theta} - \\theta^\\star\\|_2 \\le C \\sqrt{\\frac{d \\log n}{n}}\n$$",
];

/** One generated paper file. */
export interface CorpusFile {
  path: string;
  text: string;
}

/** Generates the paper files of a synthetic digest (paths relative to the site root). */
export function generateCorpus(papers: number, seed = 20251006): CorpusFile[] {
  const random = randomSource(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const files: CorpusFile[] = [];
  let day = CORPUS_END_DAY;
  let leftToday = between(10, 20);
  /**
   * A valid id for a paper of that month, unique in the corpus: arXiv numbered
   * papers with five digits from 2015, four from April 2007, and before that
   * used archive/YYMMNNN ids. A month holds a few hundred consecutive indices,
   * so the index modulo each numbering's range stays unique within it.
   */
  const arxivId = (yy: string, mm: string, index: number): string => {
    const yymm = Number(`${yy}${mm}`) + (Number(yy) > 90 ? 0 : 10000);
    if (yymm >= 11501) return `${yy}${mm}.${String(10000 + (index % 90000))}`;
    if (yymm >= 10704) return `${yy}${mm}.${String((index % 9999) + 1).padStart(4, "0")}`;
    return `cs/${yy}${mm}${String((index % 999) + 1).padStart(3, "0")}`;
  };
  for (let index = 0; index < papers; index++) {
    if (leftToday === 0) {
      day = addDays(day, -1);
      leftToday = between(10, 20);
    }
    leftToday--;
    const words = Array.from({ length: between(4, 9) }, () => pick(WORDS));
    const title = capitalise(`${words.join(" ")} ${index}`);
    const slug = `${words.slice(0, 4).join("-")}-${index}`;
    const authors = Array.from({ length: between(3, 12) }, () => (random() < 0.1 ? pick(SCRIPT_NAMES) : `${pick(FIRST)} ${pick(LAST)}`));
    const tagCount = between(2, 4);
    const tags = [...new Set(Array.from({ length: tagCount * 2 }, () => pick(TAGS)))].slice(0, tagCount);
    const [yy, mm] = [day.slice(2, 4), day.slice(5, 7)];
    const identifier =
      random() < 0.9 ? `arxiv: "${arxivId(yy!, mm!, index)}"` : random() < 0.5 ? `doi: 10.5555/bench.${index}` : `url: https://example.org/papers/${index}`;
    const front = [
      "---",
      `title: "${title}"`,
      "authors:",
      ...authors.map((a) => `  - ${a}`),
      identifier,
      "tags:",
      ...tags.map((t) => `  - ${t}`),
      ...(random() < 0.6 ? ["links:", `  code: https://github.com/bench-org/repo-${index}`] : []),
      "---",
    ];
    files.push({ path: `content/papers/${day}/${slug}.md`, text: `${front.join("\n")}\n${body(random, pick, between, index)}\n` });
  }
  return files;
}

function body(random: () => number, pick: <T>(list: readonly T[]) => T, between: (lo: number, hi: number) => number, index: number): string {
  const target = between(150, 300);
  const paragraphs: string[] = [];
  let count = 0;
  while (count < target) {
    const sentences: string[] = [];
    for (let s = between(2, 4); s > 0 && count < target; s--) {
      const length = between(10, 22);
      const words: string[] = [];
      for (let w = 0; w < length; w++) {
        const roll = random();
        // About three inline formulas per summary, as in a math-leaning arXiv abstract.
        if (roll < 0.014) words.push(pick(INLINE_MATH));
        else if (roll < 0.044) words.push(`*${pick(WORDS)}*`);
        else if (roll < 0.054) words.push(`**${pick(WORDS)}**`);
        else words.push(pick(WORDS));
      }
      count += length;
      sentences.push(`${capitalise(words.join(" "))}.`);
    }
    paragraphs.push(sentences.join(" "));
    if (paragraphs.length === 1 && random() < 0.4) paragraphs.push(pick(DISPLAY_MATH));
  }
  paragraphs.push(`Code and data: [repository](https://github.com/bench-org/repo-${index}).`);
  return paragraphs.join("\n\n");
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The configuration of a synthetic site. */
export const CORPUS_CONFIG = `title: Benchmark Digest
description: A synthetic digest for measuring build speed.
url: https://bench.example.org/digest/
language: en
author:
  name: Paperboy benchmarks
feed:
  items: 50
`;

/** Writes a synthetic site (configuration and papers) into `dir`. */
export async function writeCorpus(dir: string, papers: number, seed?: number): Promise<CorpusFile[]> {
  const files = generateCorpus(papers, seed);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "paperboy.config.yaml"), CORPUS_CONFIG);
  await writeAll(files.map((f) => ({ path: path.join(dir, f.path), contents: f.text })));
  return files;
}

/** Writes files in batches: 10,000 at once would exhaust file handles, one at a time is slow. */
export async function writeAll(files: { path: string; contents: string | Uint8Array }[]): Promise<void> {
  await Promise.all([...new Set(files.map((f) => path.dirname(f.path)))].map((folder) => mkdir(folder, { recursive: true })));
  for (let i = 0; i < files.length; i += 256) {
    await Promise.all(files.slice(i, i + 256).map((f) => writeFile(f.path, f.contents)));
  }
}
