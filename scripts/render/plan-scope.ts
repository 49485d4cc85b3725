// Site model → the lookups and shared objects that planning one output needs:
// a paper by path, a day, week, month or tag by key with its neighbours, each
// paper's view and citation key, the layout's site context. Each is computed on
// first use and kept for the rest of the plan, so planning one output (an
// edit's) costs what that output needs, and planning all of them costs each
// shared object once.
import { citationKeys } from "./bibtex.ts";
import type { Fingerprints } from "./fingerprint.ts";
import { paperView, type PaperView } from "./views.ts";
import type { Day, Period, SiteModel, Tag } from "../site/model.ts";
import { suggestPaperUrl } from "../site/links.ts";
import { href, route } from "../site/routes.ts";
import type { Paper, SiteConfig } from "../types.ts";
import type { Locale } from "./locale.ts";

/** Where an item sits in its newest-first list: itself and the items before (newer) and after (older) it. */
export interface Placed<T> {
  item: T;
  index: number;
  newer?: T;
  older?: T;
}

function placed<T>(list: readonly T[], index: number): Placed<T> {
  return { item: list[index]!, index, ...(index > 0 ? { newer: list[index - 1]! } : {}), ...(index + 1 < list.length ? { older: list[index + 1]! } : {}) };
}

function indexBy<T>(list: readonly T[], key: (item: T) => string): Map<string, number> {
  return new Map(list.map((item, index) => [key(item), index]));
}

/** The model as planning reads it, and the objects every output of one plan shares. */
export class PlanScope {
  readonly config: SiteConfig;
  private sharedSite?: ReturnType<typeof siteContext>;
  private readonly views = new Map<Paper, PaperView>();
  private citationKeyOf?: Map<Paper, string>;
  private papersByPath?: Map<string, Paper>;
  private dayIndex?: Map<string, number>;
  private weekIndex?: Map<string, number>;
  private monthIndex?: Map<string, number>;
  private tagIndex?: Map<string, number>;

  constructor(
    readonly model: SiteModel,
    readonly fingerprints: Fingerprints,
    /** The interface strings of the site's language: every label and title the plan writes. */
    readonly locale: Locale,
  ) {
    this.config = model.config;
  }

  /** What every page's layout needs, marked once for the fingerprints. */
  site(): ReturnType<typeof siteContext> {
    return (this.sharedSite ??= siteContext(this.config, this.fingerprints));
  }

  /** A paper's view, made once per plan. */
  view(paper: Paper): PaperView {
    let view = this.views.get(paper);
    if (!view) this.views.set(paper, (view = paperView(this.config, paper, this.fingerprints, this.locale)));
    return view;
  }

  /** A paper's citation key, unique across the site (so all keys are made together, once). */
  citationKey(paper: Paper): string {
    this.citationKeyOf ??= citationKeys(this.model.papers);
    return this.citationKeyOf.get(paper)!;
  }

  /** The paper at `path`, if the site has it. */
  paper(path: string): Paper | undefined {
    this.papersByPath ??= new Map(this.model.papers.map((paper) => [paper.path, paper]));
    return this.papersByPath.get(path);
  }

  /** The day listed on `date`, with the days around it. */
  day(date: string): Placed<Day> | undefined {
    this.dayIndex ??= indexBy(this.model.days, (day) => day.date);
    const index = this.dayIndex.get(date);
    return index === undefined ? undefined : placed(this.model.days, index);
  }

  /** The ISO week `key`, with the weeks around it. */
  week(key: string): Placed<Period> | undefined {
    this.weekIndex ??= indexBy(this.model.weeks, (week) => week.key);
    const index = this.weekIndex.get(key);
    return index === undefined ? undefined : placed(this.model.weeks, index);
  }

  /** The month `key`, with the months around it. */
  month(key: string): Placed<Period> | undefined {
    this.monthIndex ??= indexBy(this.model.months, (month) => month.key);
    const index = this.monthIndex.get(key);
    return index === undefined ? undefined : placed(this.model.months, index);
  }

  /** The tag `name`. */
  tag(name: string): Tag | undefined {
    this.tagIndex ??= indexBy(this.model.tags, (tag) => tag.name);
    const index = this.tagIndex.get(name);
    return index === undefined ? undefined : this.model.tags[index];
  }
}

/** What every page's layout needs: site name, navigation, feeds, assets. */
export function siteContext(config: SiteConfig, fingerprints: Fingerprints) {
  const context = {
    title: config.title,
    description: config.description,
    language: config.language,
    author: config.author,
    repository: config.repository,
    suggestPaper: config.repository && suggestPaperUrl(config.repository),
    url: config.url,
    nav: {
      home: href(config, route.home()),
      archive: href(config, route.archive()),
      tags: href(config, route.tags()),
      search: href(config, route.search()),
      subscribe: href(config, route.subscribe()),
    },
    feeds: {
      rss: href(config, route.rss()),
      atom: href(config, route.atom()),
      json: href(config, route.jsonFeed()),
      opml: href(config, route.opml()),
    },
    assets: {
      stylesheet: href(config, route.stylesheet()),
      script: href(config, route.siteScript()),
      icon: href(config, route.icon()),
    },
  };
  // Identical on every page: serialised once per plan for the pages' fingerprints.
  return fingerprints.mark(context, `site\0${JSON.stringify(context)}`);
}
