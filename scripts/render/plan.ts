// Site model → every output of the site, planned: pages and feeds
// fingerprinted (rendered only when written, and only when their fingerprint
// changed), the search index, and the small files a site carries.
import type { BodyStore } from "../content/body-store.ts";
import type { SiteModel } from "../site/model.ts";
import type { OutputFile } from "../types.ts";
import { planAllFeeds } from "./feeds.ts";
import type { Fingerprints } from "./fingerprint.ts";
import { planFile, type PlannedOutput } from "./outputs.ts";
import { pageOutputs, planPages } from "./pages.ts";
import type { SearchIndexer } from "./search-index.ts";
import { katexAssets, minisearchAssets, renderPagesFiles, renderRobots, renderSitemap } from "./static-files.ts";
import type { TemplateSet } from "./templates.ts";

/** What planning the site needs besides the model and the templates. */
export interface PlanDependencies {
  /** Marks of the objects pages share, for their fingerprints (one per plan). */
  fingerprints: Fingerprints;
  /** Where the pages and feeds read papers' summaries. */
  bodies: BodyStore;
  /** Plans and indexes the search index's shards. */
  search: SearchIndexer;
}

/** Every output of the site, planned. */
export async function planSite(model: SiteModel, templates: TemplateSet, dependencies: PlanDependencies): Promise<PlannedOutput[]> {
  const plans = planPages(model, dependencies.fingerprints);
  const files: OutputFile[] = [
    renderSitemap(model.config, plans),
    renderRobots(model.config),
    ...renderPagesFiles(model.config),
    ...templates.assets,
    ...(await katexAssets()),
    ...(await minisearchAssets()),
  ];
  return [
    ...pageOutputs(plans, templates, dependencies),
    ...planAllFeeds(model, dependencies.bodies),
    ...dependencies.search.plan(model, dependencies.bodies),
    ...files.map(planFile),
  ];
}
