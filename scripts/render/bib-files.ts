// Site model → a `.bib` file for each day and each tag, beside its page
// (`days/2025-10-06/papers.bib`, `tags/llm/papers.bib`): the BibTeX entries of
// its papers in listing order (a tag's newest `page_size`), under the keys their pages give them, which are
// unique across the site and so within every file. One key per file
// (`bib/day/<date>`, `bib/tag/<name>`), so a partial build plans again the
// files that hold an edited paper, and only those.
//
// GitHub Pages knows no type for `.bib` and sends it as
// `application/octet-stream`: a browser saves it rather than shows it, which is
// what a reader following "BibTeX" wants, and a reference manager imports it
// either way. The bytes are plain UTF-8 text, as biber and BibTeX 0.99d read them.
import { CODE_VERSION } from "../util/code-version.ts";
import { route } from "../site/routes.ts";
import type { SiteModel } from "../site/model.ts";
import type { Paper } from "../types.ts";
import { renderBibtex } from "./bibtex.ts";
import { fingerprintData } from "./fingerprint.ts";
import type { PlannedOutput } from "./outputs.ts";
import type { PlanScope } from "./plan-scope.ts";

/** The key of every `.bib` file of the site: each day's, then each tag's. */
export function bibKeys(model: SiteModel): string[] {
  return [...model.days.map((day) => `bib/day/${day.date}`), ...model.tags.map((tag) => `bib/tag/${tag.name}`)];
}

/** The `.bib` file of `key`; undefined when the site has no such day or tag (any more). */
export function planBibFile(scope: PlanScope, key: string): PlannedOutput | undefined {
  const found = key.startsWith("bib/day/")
    ? dayFile(scope, key.slice("bib/day/".length))
    : key.startsWith("bib/tag/")
      ? tagFile(scope, key.slice("bib/tag/".length))
      : undefined;
  if (!found) return undefined;
  const entries = found.papers.map((paper) => ({ paper, key: scope.citationKey(paper) }));
  return {
    path: found.path,
    key,
    // A paper's cache key fixes its entry, given its citation key.
    fingerprint: fingerprintData(
      `bib\0${CODE_VERSION}`,
      entries.map((entry) => [entry.paper.key, entry.key]),
    ),
    sources: new Set(found.papers.map((paper) => paper.path)),
    render: () => renderBibFile(entries),
  };
}

function dayFile(scope: PlanScope, date: string): { path: string; papers: readonly Paper[] } | undefined {
  const day = scope.day(date)?.item;
  return day && { path: route.dayBib(day.date), papers: day.papers };
}

function tagFile(scope: PlanScope, name: string): { path: string; papers: readonly Paper[] } | undefined {
  const tag = scope.tag(name);
  // A tag's newest papers, those its first page lists: a tag of a 100,000-paper
  // digest holds thousands, and a whole-tag file would cost every paper another
  // entry per tag for ever (a reader after everything takes the days' files).
  return tag && { path: route.tagBib(tag.name), papers: tag.papers.slice(0, scope.config.pageSize) };
}

/** Entries one after another, a blank line between them, as BibTeX tools write a bibliography. */
export function renderBibFile(entries: readonly { paper: Paper; key: string }[]): string {
  return entries.map(({ paper, key }) => `${renderBibtex(paper, key)}\n`).join("\n");
}
