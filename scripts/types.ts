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

/** The kinds of link a paper may carry besides its arXiv, DOI and URL. */
export const LINK_KINDS = ["code", "project", "pdf", "data", "video", "demo"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
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
  /** How many papers a tag, week or month page shows before continuing on `page/2/`. */
  pageSize: number;
  /** A newsletter provider's sign-up form, shown on the subscribe page. */
  newsletter?: { action: string; field: string; provider?: string };
  /** The repository the digest lives in, for "suggest a paper" and "edit" links. */
  repository?: string;
  /** Custom domain for GitHub Pages; written to `CNAME`. */
  cname?: string;
}

/** One file of the built site. */
export interface OutputFile {
  /** Path inside the output folder, with forward slashes (`papers/2510.04567/index.html`). */
  path: string;
  contents: string | Uint8Array;
}
