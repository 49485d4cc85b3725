// Paper → the links it offers a reader, in a fixed order: where to read it
// first (the pages its arXiv id leads to, its PDF, the DOI, its own page), then
// code, models, data and the rest. Pages, feeds and citations all take a
// paper's links from here, so they always point at the same places.
import { GITHUB_LOGIN } from "../content/paper-schema.ts";
import { arxivAbsUrl, arxivPdfUrl } from "../util/arxiv-id.ts";
import { LINK_KINDS, type ArxivId, type ArxivLinkName, type LinkKind, type Paper } from "../types.ts";

/** A link with its visible label. */
export interface LinkView {
  label: string;
  url: string;
}

const LINK_LABELS: Record<LinkKind, string> = {
  pdf: "PDF",
  code: "Code",
  project: "Project page",
  model: "Model",
  dataset: "Dataset",
  data: "Data",
  video: "Video",
  demo: "Demo",
};

/**
 * The GitHub profile of the person who submitted a paper (`submitted_by`).
 * Undefined for anything but a valid login, so no other text becomes a link,
 * even from a paper that did not pass through the schema (an old cache entry).
 */
export function githubProfileUrl(login: string): string | undefined {
  return GITHUB_LOGIN.test(login) ? `https://github.com/${login}` : undefined;
}

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

/**
 * The pages a paper's arXiv id leads to, by the name the configuration's
 * `arxiv_links` gives each. arXiv's own pages keep a pinned version (the
 * contributor chose it); the others are addressed by the versionless id, as
 * those services list a paper once for all its versions. Hugging Face's paper
 * pages exist only for new-style ids (its addresses have no room for the
 * slash of `hep-th/9901001`), so an old-style paper goes without that one.
 */
const ARXIV_LINKS = {
  arxiv: { label: "arXiv", url: (arxiv: ArxivId) => arxivAbsUrl(arxiv) },
  pdf: { label: LINK_LABELS.pdf, url: (arxiv: ArxivId) => arxivPdfUrl(arxiv) },
  "hugging-face": { label: "Hugging Face", url: (arxiv: ArxivId) => (arxiv.id.includes("/") ? undefined : `https://huggingface.co/papers/${arxiv.id}`) },
  alphaxiv: { label: "alphaXiv", url: (arxiv: ArxivId) => `https://www.alphaxiv.org/abs/${arxiv.id}` },
  "semantic-scholar": { label: "Semantic Scholar", url: (arxiv: ArxivId) => `https://www.semanticscholar.org/arxiv/${arxiv.id}` },
} as const satisfies Record<ArxivLinkName, { label: string; url: (arxiv: ArxivId) => string | undefined }>;

/**
 * The links a paper page and its feed items show: the pages of its arXiv id
 * that `arxivLinks` names, in that order (a `links.pdf` the contributor gave
 * takes the place of arXiv's PDF), then its DOI and own page, then every link
 * of its `links`. What a paper's file names is always shown; only the links
 * made from its arXiv id are the configuration's to choose.
 */
export function paperLinks(paper: Paper, arxivLinks: readonly ArxivLinkName[]): (LinkView & { kind: string })[] {
  const links: (LinkView & { kind: string })[] = [];
  const { arxiv } = paper;
  for (const name of arxiv ? arxivLinks : []) {
    const made: { label: string; url: (arxiv: ArxivId) => string | undefined } = ARXIV_LINKS[name];
    const url = name === "pdf" && paper.links.pdf ? paper.links.pdf : made.url(arxiv!);
    if (url) links.push({ kind: name, label: made.label, url });
  }
  if (paper.links.pdf && !links.some((link) => link.kind === "pdf")) links.push({ kind: "pdf", label: LINK_LABELS.pdf, url: paper.links.pdf });
  if (paper.doi) links.push({ kind: "doi", label: "DOI", url: doiUrl(paper.doi) });
  if (paper.url) links.push({ kind: "url", label: "Paper", url: paper.url });
  for (const kind of LINK_KINDS) {
    const url = paper.links[kind];
    if (url && kind !== "pdf") links.push({ kind, label: LINK_LABELS[kind], url });
  }
  return links;
}
