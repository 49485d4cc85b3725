// Papers → the text of a search index file (MiniSearch's JSON), on the main
// thread or on the search indexer thread (search-worker.ts), which must agree
// byte for byte. search-index.ts decides which shards to index and where.
import MiniSearch, { type Options } from "minisearch";
import { route } from "../site/routes.ts";
import type { CalendarDate, Paper } from "../types.ts";
import { plainTitle } from "../util/html-text.ts";

/** One paper as the index holds it. */
export interface SearchDocument {
  /** The paper's route (`papers/2510.04567/`); the page prefixes the base path. */
  id: string;
  title: string;
  authors: string[];
  tags: string[];
  /**
   * The summary's opening (`Paper.lead`, its first 400 characters), as plain
   * text: indexed, not stored. Not the whole summary: the opening names what a
   * paper is about, and the rest would double the index's weight per paper.
   */
  text: string;
  day: CalendarDate;
}

/** Fields searched, and fields stored with each result; the page reads both from the index file. */
const SEARCH_FIELDS = ["title", "authors", "tags", "text"] as const;
const STORED_FIELDS = ["title", "authors", "tags", "day"] as const;

/**
 * English words so common that they would be listed for nearly every paper:
 * leaving them out keeps the index about a fifth smaller and costs nothing,
 * since a query made of them alone finds everything.
 */
const STOP_WORDS = [
  "a",
  "an",
  "and",
  "are",
  "as",
  "at",
  "be",
  "by",
  "can",
  "for",
  "from",
  "in",
  "into",
  "is",
  "it",
  "its",
  "of",
  "on",
  "or",
  "our",
  "than",
  "that",
  "the",
  "their",
  "this",
  "to",
  "we",
  "which",
  "with",
];
const STOP = new Set(STOP_WORDS);
const PLAIN_WORD = /^[a-z0-9]+$/;

/**
 * Normalises a word for the index: lower case, accents folded (`Ñúñez` →
 * `nunez`), symbols around it dropped (`$O` → `o`), stop words dropped (an
 * empty result). templates/assets/search.js applies the same function to
 * queries; the browser tests search for a folded name to keep the two in step.
 */
export function processTerm(term: string): string {
  // Most words are plain lowercase ASCII already, and normalising them is most of the indexing time.
  if (PLAIN_WORD.test(term)) return STOP.has(term) ? "" : term;
  const word = term
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  return STOP.has(word) ? "" : word;
}

const OPTIONS: Options<SearchDocument> = { fields: [...SEARCH_FIELDS], storeFields: [...STORED_FIELDS], processTerm };

/** The document the index holds for a paper. */
export function searchDocument(paper: Paper): SearchDocument {
  return {
    id: route.paper(paper.id),
    title: plainTitle(paper.title),
    authors: paper.authors,
    tags: paper.tags,
    text: paper.lead,
    day: paper.day,
  };
}

/** Builds the index over `papers` (in listing order, so the bytes never change for the same content). */
export function buildSearchIndex(papers: readonly Paper[]): string {
  return indexDocuments(papers.map(searchDocument));
}

/** Builds the index file's text from documents (on the main thread, or in the indexer thread). */
export function indexDocuments(documents: readonly SearchDocument[]): string {
  const index = new MiniSearch<SearchDocument>(OPTIONS);
  index.addAll(documents);
  const file = { version: 1, fields: SEARCH_FIELDS, storeFields: STORED_FIELDS, index: index.toJSON() };
  return `${JSON.stringify(file)}\n`;
}
