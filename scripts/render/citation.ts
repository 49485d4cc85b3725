// Paper → what its page offers citation tools: the BibTeX entry of the Cite
// block, the Highwire Press tags that Google Scholar and Zotero read, Open
// Graph article tags, and a schema.org ScholarlyArticle in JSON-LD. Every value
// is worked out here, so the page template only prints lists of tags.
import { renderBibtex } from "./bibtex.ts";
import { appearedOn, landingUrl, linkOf, splitName, type PartialDate } from "../site/citation-facts.ts";
import { plainTitle } from "../util/html-text.ts";
import { absoluteUrl, route } from "../site/routes.ts";
import type { Paper, SiteConfig } from "../types.ts";
import { excerpt } from "./views.ts";

/** A `<meta name content>` tag. */
export interface NamedMeta {
  name: string;
  content: string;
}

/** A `<meta property content>` tag (Open Graph). */
export interface PropertyMeta {
  property: string;
  content: string;
}

/** Everything a paper page says about citing the paper. */
export interface CitationView {
  key: string;
  bibtex: string;
  /** Highwire Press `citation_*` tags; one `citation_author` per author, in order. */
  highwire: NamedMeta[];
  /** Open Graph `article:*` tags; the page-level `og:*` tags come from the layout. */
  article: PropertyMeta[];
  /** schema.org ScholarlyArticle, printed with the `json` helper. */
  jsonLd: Record<string, unknown>;
}

/**
 * A Highwire date: `YYYY/MM/DD` when the day is known, else the year alone, the
 * two forms Google Scholar accepts (it has no form for a year and month).
 */
export function highwireDate(date: PartialDate): string {
  if (date.month === undefined || date.day === undefined) return String(date.year);
  return `${date.year}/${pad(date.month)}/${pad(date.day)}`;
}

/** An ISO 8601 date to the precision known: `2025-01-02`, `2025-01` or `2025`. */
export function isoDate(date: PartialDate): string {
  if (date.month === undefined) return String(date.year);
  return date.day === undefined ? `${date.year}-${pad(date.month)}` : `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * An author for `citation_author`: "Family, Given" where the split is certain,
 * else the name as written. Zotero reads a lone `citation_author` with spaces on
 * both sides of its comma as two people, so a paper's only author keeps a
 * multi-word split as written.
 */
export function highwireAuthor(name: string, onlyAuthor: boolean): string {
  const parts = splitName(name);
  if (!parts || (onlyAuthor && parts.given.includes(" ") && parts.family.includes(" "))) return name;
  return [parts.family, parts.given, ...(parts.suffix ? [parts.suffix] : [])].join(", ");
}

/** The citation data of one paper's page. */
export function citationView(config: SiteConfig, paper: Paper, key: string): CitationView {
  const title = plainTitle(paper.title);
  const date = appearedOn(paper);
  const landing = landingUrl(paper);
  const pdf = linkOf(paper, "pdf");
  const doi = linkOf(paper, "doi");
  const pageUrl = absoluteUrl(config, route.paper(paper.id));

  const highwire: NamedMeta[] = [
    { name: "citation_title", content: title },
    ...paper.authors.map((name) => ({ name: "citation_author", content: highwireAuthor(name, paper.authors.length === 1) })),
    ...(date ? [{ name: "citation_publication_date", content: highwireDate(date) }] : []),
    ...(paper.arxiv ? [{ name: "citation_arxiv_id", content: paper.arxiv.id }] : []),
    ...(paper.doi ? [{ name: "citation_doi", content: paper.doi }] : []),
    ...(pdf ? [{ name: "citation_pdf_url", content: pdf }] : []),
    // The paper's own abstract page, not this summary: Zotero files the item under it.
    ...(landing ? [{ name: "citation_abstract_html_url", content: landing }] : []),
  ];

  // The page is an article of the digest, published the day it was listed.
  const article: PropertyMeta[] = [
    { property: "article:published_time", content: paper.day },
    ...paper.tags.map((tag) => ({ property: "article:tag", content: tag })),
  ];

  const identifiers = [
    ...(paper.arxiv ? [{ "@type": "PropertyValue", propertyID: "arXiv", value: paper.arxiv.id }] : []),
    ...(paper.doi ? [{ "@type": "PropertyValue", propertyID: "DOI", value: paper.doi }] : []),
  ];
  const sameAs = [...new Set([landing, doi, paper.url].filter((u): u is string => u !== undefined && u !== landing))];
  const jsonLd: Record<string, unknown> = {
    "@context": "https://schema.org",
    "@type": "ScholarlyArticle",
    headline: title,
    name: title,
    author: paper.authors.map((name) => {
      const parts = splitName(name);
      return { "@type": "Person", name, ...(parts ? { givenName: parts.given, familyName: parts.family } : {}) };
    }),
    ...(date ? { datePublished: isoDate(date) } : {}),
    ...(identifiers.length > 0 ? { identifier: identifiers } : {}),
    ...(landing ? { url: landing } : {}),
    ...(sameAs.length > 0 ? { sameAs } : {}),
    ...(paper.tags.length > 0 ? { keywords: paper.tags } : {}),
    // A community summary, not the authors' abstract, so `description` rather than `abstract`.
    description: excerpt(paper.lead),
    // The paper is not part of the digest; the page describing it is.
    mainEntityOfPage: {
      "@type": "WebPage",
      "@id": pageUrl,
      url: pageUrl,
      isPartOf: { "@type": "WebSite", name: config.title, url: config.url },
    },
  };

  return { key, bibtex: renderBibtex(paper, key), highwire, article, jsonLd };
}
