// The plain data that the build's stages hand to each other. Every stage takes
// and returns these shapes, so a stage can be tested without running the others.
import type { RuleId } from "./diagnostics/rules.ts";

/** A calendar date written `YYYY-MM-DD`; never a `Date`, so no time zone can shift it. */
export type CalendarDate = string;

/** One problem found in the content or the configuration, addressed to the person who can fix it. */
export interface Diagnostic {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  /** 1-based line in `file`; 0 when the problem is about the file as a whole. */
  line: number;
  /** The front-matter field concerned, when there is one (`authors`, `links.code`, `body`). */
  field?: string;
  /** What is wrong, in one sentence without a trailing period. */
  message: string;
  /** How to fix it; may span several lines. */
  fix?: string;
  /** The rule broken: a permanent id from the registry (diagnostics/rules.ts), explained in docs/errors.md. */
  rule: RuleId;
}

/** A content file as read from disk. */
export interface SourceFile {
  /** Path relative to the project root, with forward slashes. */
  path: string;
  text: string;
}

/**
 * The kinds of link a paper may carry besides its arXiv, DOI and URL, in the
 * order a page shows them. `model` and `dataset` are what a paper releases (on
 * the Hugging Face Hub, say); `data` is older and wider: any data behind it.
 */
export const LINK_KINDS = ["code", "project", "pdf", "model", "dataset", "data", "video", "demo"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/**
 * The pages a paper's arXiv id leads to, as the configuration's `arxiv_links`
 * names them: arXiv's abstract and PDF, and the paper on Hugging Face,
 * alphaXiv and Semantic Scholar (site/links.ts makes their addresses).
 */
export const ARXIV_LINK_NAMES = ["arxiv", "pdf", "hugging-face", "alphaxiv", "semantic-scholar"] as const;
export type ArxivLinkName = (typeof ARXIV_LINK_NAMES)[number];
export type PaperLinks = Partial<Record<LinkKind, string>>;

/** An arXiv identifier split into its stable part and its optional version. */
export interface ArxivId {
  /** Versionless id: `2510.04567` or `hep-th/9901001`. */
  id: string;
  /** Version number when the contributor pinned one (`v2` → 2). */
  version?: number;
}

/** A paper's validated front matter, before its body is rendered. */
export interface PaperMeta {
  title: string;
  authors: string[];
  arxiv?: ArxivId;
  doi?: string;
  url?: string;
  published?: CalendarDate;
  venue?: string;
  tags: string[];
  links: PaperLinks;
  submittedBy?: string;
  draft: boolean;
}

/** Where a paper file sits: its digest day and slug come from the path. */
export interface PaperLocation {
  /** Path relative to the project root. */
  path: string;
  day: CalendarDate;
  slug: string;
}

/** Front matter and body split apart, with the lines needed to point at problems. */
export interface RawEntry extends PaperLocation {
  /** The parsed front matter, as plain data. */
  data: Record<string, unknown>;
  /** Markdown body. */
  body: string;
  /** 1-based line of the file where the body starts. */
  bodyLine: number;
  /** Maps a field path (`authors`, `authors.1`, `links.code`) to its 1-based line. */
  lines: Record<string, number>;
}

/** Markdown rendered once, for every place it is shown (feeds derive their MathML-only copy from `html`). */
export interface RenderedBody {
  /** For pages: math as KaTeX HTML (with MathML for assistive technology). */
  readonly html: string;
  /** Plain text, for the search index. */
  readonly text: string;
  /** The first characters of `text` (LEAD_CHARS of them): enough for every description and excerpt. */
  readonly lead: string;
}

/** A summary as the render stage reads it from the body store: what a paper page, a feed item or the search index shows. */
export type PaperBody = Pick<RenderedBody, "html" | "text">;

/** How much of a summary's text every paper keeps at hand, for descriptions (200 characters) and feed summaries (300). */
export const LEAD_CHARS = 400;

/**
 * A fully validated paper: everything listings and metadata need. Its summary's
 * HTML and full text are not here but in the body store (`content/body-store.ts`),
 * which the render stage reads for the pages and feeds that show them.
 */
export interface Paper extends PaperMeta, PaperLocation {
  /** Route id: the versionless arXiv id when there is one, else the slug. */
  id: string;
  /** The title with inline math rendered, as safe HTML. */
  titleHtml: string;
  /** The summary's opening, as plain text (`RenderedBody.lead`). */
  lead: string;
  /** Hash of everything the paper was made from (path, text, renderer version): its identity in caches. */
  key: string;
  /** Lines of the identifying fields, for messages about duplicates. */
  lines: { arxiv?: number; doi?: number };
}

/** The fields that tell papers apart: all a duplicate check needs, without rendering anything. */
export type PaperIdentity = Pick<Paper, "path" | "id" | "arxiv" | "doi" | "url" | "lines">;

/** The validated site configuration. */
export interface SiteConfig {
  title: string;
  description: string;
  /** Absolute URL of the site's root, always ending in `/`. */
  url: string;
  /** Path part of `url`, always starting and ending in `/` (`/digest/`). */
  basePath: string;
  /** BCP 47 language tag of the pages (`en`). */
  language: string;
  author: { name: string; url?: string; email?: string };
  /** How many of the latest papers each feed carries. */
  feedItems: number;
  /** How many of a tag's latest papers its feeds carry. */
  tagFeedItems: number;
  /** How many papers a tag, week or month page shows before continuing on `page/2/`. */
  pageSize: number;
  /** Which pages made from a paper's arXiv id its page links to, in this order (`arxiv_links`). */
  arxivLinks: readonly ArxivLinkName[];
  /** A newsletter provider's sign-up form, shown on the subscribe page. */
  newsletter?: { action: string; field: string; provider?: string };
  /** The repository the digest lives in, for "suggest a paper" and "edit" links. */
  repository?: string;
  /** Custom domain for GitHub Pages; written to `CNAME`. */
  cname?: string;
  /** How bulk imports choose papers (`import` in the configuration); absent when the configuration has no such block. */
  import?: ImportSettings;
}

/** Where the scheduled import looks for papers: a day of Hugging Face's Daily Papers, or an arXiv search. */
export type ImportSource = "hugging-face" | "arxiv";

/** The `import` block of the configuration: filters for `npm run new --hf-day/--query`, and the scheduled workflow's switch. */
export interface ImportSettings {
  /** The scheduled workflow (suggest.yml) proposes papers only when this is true. */
  scheduled: boolean;
  /** What the scheduled import reads. */
  source: ImportSource;
  /** The arXiv search the scheduled import runs when `source` is arxiv; absent means one built from `categories`. */
  query?: string;
  /** arXiv categories (`cs.LG`) or whole archives (`astro-ph`); a paper must be filed under one of them. Empty: any. */
  categories: string[];
  /** A paper's title or abstract must mention at least one of these. Empty: no such condition. */
  keywords: string[];
  /** A paper whose title or abstract mentions any of these is left out. */
  excludeKeywords: string[];
  /** At most this many papers on one digest day, counting those already there. */
  maxPerDay?: number;
}

/** How far a build has got, for a progress line: its stage and, in the long ones, how many of how many. */
export interface BuildProgress {
  /** Reading the content folder, compiling papers' Markdown, planning the pages, rendering and writing the files. */
  stage: "reading" | "compiling" | "planning" | "writing";
  done?: number;
  total?: number;
}

/** One file of the built site. */
export interface OutputFile {
  /** Path inside the output folder, with forward slashes (`papers/2510.04567/index.html`). */
  path: string;
  contents: string | Uint8Array;
}
