// Papers → the site model: days, weeks, months and tags, each computed in one
// pass. Every ordering has an explicit tie-break so the output never depends on
// the order files were read in.
import { byCodeUnit } from "../util/order.ts";
import { isoWeekOf, monthOf } from "../util/dates.ts";
import type { CalendarDate, Paper, SiteConfig } from "../types.ts";

/** The papers listed on one digest day, in file-name order. */
export interface Day {
  date: CalendarDate;
  papers: Paper[];
}

/** A group of days: an ISO week (`2025-W41`) or a month (`2025-10`). */
export interface Period {
  key: string;
  /** Newest day first. */
  days: Day[];
  count: number;
}

/** Papers sharing a tag, newest first. */
export interface Tag {
  name: string;
  papers: Paper[];
}

/** Everything the pages and feeds are made from. */
export interface SiteModel {
  config: SiteConfig;
  /** Newest day first; within a day, file-name order. */
  papers: Paper[];
  /** Newest first. */
  days: Day[];
  /** Newest first. */
  weeks: Period[];
  /** Newest first. */
  months: Period[];
  /** Alphabetical. */
  tags: Tag[];
}

/** Orders papers newest day first, then by slug: the order of every listing. */
export function comparePapers(a: Paper, b: Paper): number {
  return byCodeUnit(b.day, a.day) || byCodeUnit(a.slug, b.slug);
}

/** Builds the site model from validated papers. */
export function buildSiteModel(config: SiteConfig, unsorted: readonly Paper[]): SiteModel {
  const papers = [...unsorted].sort(comparePapers);
  const days: Day[] = [];
  const tagMap = new Map<string, Paper[]>();
  for (const paper of papers) {
    const last = days[days.length - 1];
    if (last?.date === paper.day) last.papers.push(paper);
    else days.push({ date: paper.day, papers: [paper] });
    for (const tag of paper.tags) {
      const list = tagMap.get(tag);
      if (list) list.push(paper);
      else tagMap.set(tag, [paper]);
    }
  }
  const tags = [...tagMap.entries()].map(([name, list]) => ({ name, papers: list })).sort((a, b) => byCodeUnit(a.name, b.name));
  return { config, papers, days, weeks: groupDays(days, isoWeekOf), months: groupDays(days, monthOf), tags };
}

function groupDays(days: Day[], keyOf: (date: CalendarDate) => string): Period[] {
  const periods: Period[] = [];
  for (const day of days) {
    const key = keyOf(day.date);
    const last = periods[periods.length - 1];
    if (last?.key === key) {
      last.days.push(day);
      last.count += day.papers.length;
    } else {
      periods.push({ key, days: [day], count: day.papers.length });
    }
  }
  return periods;
}
