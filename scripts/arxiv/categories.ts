// arXiv categories → suggested tags. arXiv files every paper under a primary
// category and optional cross-lists (`cs.LG`, `stat.ML`, `hep-th`); the digest's
// tags are plain topic slugs a reader would click (`machine-learning`). The
// common categories map to such topics; any other category becomes the slug of
// its code (`q-bio.PE` → `q-bio-pe`), so nothing arXiv says is lost.
// CONTRIBUTING.md lists the mapping; keep the two in step.
import { suggestSlug } from "../content/discover.ts";
import { MAX_TAGS } from "../content/paper-schema.ts";

/** Topic tags for the categories a digest of this kind meets most; several may share one tag. */
const CATEGORY_TAGS: Readonly<Record<string, string>> = {
  "cs.AI": "artificial-intelligence",
  "cs.CL": "nlp",
  "cs.CV": "computer-vision",
  "cs.LG": "machine-learning",
  "stat.ML": "machine-learning",
  "cs.NE": "neural-networks",
  "cs.RO": "robotics",
  "cs.IR": "information-retrieval",
  "cs.CR": "security",
  "cs.DC": "distributed-computing",
  "cs.DS": "algorithms",
  "cs.HC": "human-computer-interaction",
  "cs.SE": "software-engineering",
  "cs.PL": "programming-languages",
  "cs.GR": "graphics",
  "cs.SD": "audio",
  "eess.AS": "audio",
  "eess.IV": "image-processing",
  "eess.SP": "signal-processing",
  "eess.SY": "control",
  "cs.SY": "control",
  "math.OC": "optimization",
  "cs.IT": "information-theory",
  "math.IT": "information-theory",
  "cs.MA": "multi-agent-systems",
  "cs.GT": "game-theory",
  "cs.CY": "society",
  "cs.AR": "hardware",
  "cs.DB": "databases",
  "cs.LO": "logic",
  "math.ST": "statistics",
  "stat.TH": "statistics",
  "stat.ME": "statistics",
  "math.PR": "probability",
  "math.NA": "numerical-analysis",
  "cs.NA": "numerical-analysis",
  "quant-ph": "quantum-computing",
  "hep-th": "high-energy-physics",
  "hep-ph": "high-energy-physics",
  "hep-ex": "high-energy-physics",
  "gr-qc": "general-relativity",
  "astro-ph": "astrophysics",
  "cond-mat.dis-nn": "disordered-systems",
  "q-bio.NC": "neuroscience",
  "q-bio.QM": "computational-biology",
  "physics.comp-ph": "computational-physics",
  "econ.EM": "econometrics",
  "q-fin.CP": "computational-finance",
};

/** arXiv's own category codes; ACM (`I.2.6`) and MSC (`68T07`) classes also arrive as categories and are skipped. */
const ARXIV_CATEGORY = /^[a-z]+(?:-[a-z]+)*(?:\.[A-Za-z]+(?:-[A-Za-z]+)*)?$/;

/** The tag suggested for one category, or `undefined` for a class that is not an arXiv category. */
export function tagForCategory(category: string): string | undefined {
  if (!ARXIV_CATEGORY.test(category)) return undefined;
  const archive = category.split(".")[0]!;
  // astro-ph.GA and friends share their archive's topic unless listed themselves.
  return CATEGORY_TAGS[category] ?? (archive === "astro-ph" ? CATEGORY_TAGS[archive] : undefined) ?? suggestSlug(category);
}

/** Tags for a paper's categories, primary first, without repeats, at most as many as a paper may have. */
export function suggestTags(categories: readonly string[]): string[] {
  const tags: string[] = [];
  for (const category of categories) {
    const tag = tagForCategory(category);
    if (tag && !tags.includes(tag)) tags.push(tag);
  }
  return tags.slice(0, MAX_TAGS);
}
