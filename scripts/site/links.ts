// Paper → the links it offers a reader, in a fixed order: where to read it
// first (arXiv, its PDF, the DOI, its own page), then code, data and the rest.
// Pages, feeds and citations all take a paper's links from here, so they
// always point at the same places.
import { arxivAbsUrl, arxivPdfUrl } from "../util/arxiv-id.ts";
import type { LinkKind, Paper } from "../types.ts";

/** A link with its visible label. */
export interface LinkView {
  label: string;
  url: string;
}

const LINK_LABELS: Record<LinkKind, string> = {
  pdf: "PDF",
  code: "Code",
  project: "Project page",
  data: "Data",
  video: "Video",
  demo: "Demo",
};

/** The issue form a reader suggests a paper with; `.github/ISSUE_TEMPLATE/` holds a file of this name. */
export const SUGGEST_FORM = "suggest-a-paper.yml";

/** Where "Suggest a paper" leads: the repository's issue form for it, on GitHub. */
export function suggestPaperUrl(repository: string): string {
  return `${repository}/issues/new?template=${SUGGEST_FORM}`;
}

/**
 * A DOI's address at doi.org. DOIs may hold characters a URL cannot (the DOI
 * Handbook names `#`, `?`, `%`, `<`, `>`, `"`, and any non-ASCII), which would
 * cut the link short or change its meaning: those are percent-encoded, while
 * what a URL path allows (`/`, `:`, `;`, parentheses…) stays as written;
 * doi.org decodes the path before it resolves the DOI.
 */
export function doiUrl(doi: string): string {
  const encoded = doi.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/]/gu, (c) => {
    try {
      return encodeURIComponent(c);
    } catch {
      return "%EF%BF%BD"; // a lone surrogate, which no URL can carry: U+FFFD
    }
  });
  // A segment that is exactly "." or ".." would be resolved away by every URL parser (even written %2E): its slash is encoded instead.
  return `https://doi.org/${encoded.replace(/\/(?=\.\.?(?:\/|$))/g, "%2F")}`;
}

/** The links a paper page and listing show, in a fixed order: where to read it first, then extras. */
export function paperLinks(paper: Paper): (LinkView & { kind: string })[] {
  const links: (LinkView & { kind: string })[] = [];
  if (paper.arxiv) links.push({ kind: "arxiv", label: "arXiv", url: arxivAbsUrl(paper.arxiv) });
  const pdf = paper.links.pdf ?? (paper.arxiv ? arxivPdfUrl(paper.arxiv) : undefined);
  if (pdf) links.push({ kind: "pdf", label: LINK_LABELS.pdf, url: pdf });
  if (paper.doi) links.push({ kind: "doi", label: "DOI", url: doiUrl(paper.doi) });
  if (paper.url) links.push({ kind: "url", label: "Paper", url: paper.url });
  for (const kind of ["code", "project", "data", "video", "demo"] as const) {
    const url = paper.links[kind];
    if (url) links.push({ kind, label: LINK_LABELS[kind], url });
  }
  return links;
}
