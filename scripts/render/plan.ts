// Site model → the outputs of the site, planned: pages, feeds and the days'
// and tags' .bib files fingerprinted (rendered only when written, and only when
// their fingerprint changed), the search index, and the small files a site carries. Either
// every output (`planSite`), or only those of some plan keys (`planKeys`): the
// pages, feeds and search shards that show an edited paper, planned again
// against the new model without planning the rest.
import type { BodyStore } from "../content/body-store.ts";
import type { SiteModel } from "../site/model.ts";
import type { OutputFile } from "../types.ts";
import { bibKeys, planBibFile } from "./bib-files.ts";
import { feedKeys, planFeedSet } from "./feeds.ts";
import { renderOpml } from "./opml.ts";
import { Fingerprints } from "./fingerprint.ts";
import { planFile, type PagePlan, type PlannedOutput } from "./outputs.ts";
import { pageKeys, pageOutputs, planPage } from "./pages.ts";
import { PlanScope } from "./plan-scope.ts";
import type { SearchIndexer } from "./search-index.ts";
import { mathFontAssets, minisearchAssets, renderPagesFiles, renderRobots, renderSitemap } from "./static-files.ts";
import type { TemplateSet } from "./templates.ts";

/** What planning needs besides the model and the templates. */
export interface PlanDependencies {
  /** Where the pages and feeds read papers' summaries. */
  bodies: BodyStore;
  /** Plans and indexes the search index's shards. */
  search: SearchIndexer;
}

/** Every output of the site, planned. */
export async function planSite(model: SiteModel, templates: TemplateSet, dependencies: PlanDependencies): Promise<PlannedOutput[]> {
  const scope = new PlanScope(model, new Fingerprints(), templates.locale);
  const plans = pageKeys(model).map((key) => planPage(scope, key)!);
  const files: OutputFile[] = [
    renderSitemap(model.config, plans),
    renderRobots(model.config),
    renderOpml(model, templates.locale),
    ...renderPagesFiles(model.config),
    ...templates.assets,
    ...(await mathFontAssets()),
    ...(await minisearchAssets()),
  ];
  return [
    ...pageOutputs(plans, templates, scope, dependencies.bodies),
    ...feedKeys(model).flatMap((key) => planFeedSet(model, key, dependencies.bodies, templates.locale)),
    ...bibKeys(model).map((key) => planBibFile(scope, key)!),
    ...dependencies.search.plan(model),
    ...files.map(planFile),
  ];
}

/**
 * The outputs of the given plan keys only, planned against `model`. A key the
 * model no longer has gives nothing; the caller (an in-place rebuild) knows
 * the site's shape did not change, so every key it asks for still exists.
 */
export function planKeys(model: SiteModel, templates: TemplateSet, dependencies: PlanDependencies, keys: Iterable<string>): PlannedOutput[] {
  const scope = new PlanScope(model, new Fingerprints(), templates.locale);
  const pages: PagePlan[] = [];
  const others: PlannedOutput[] = [];
  for (const key of keys) {
    if (key.startsWith("feed/")) others.push(...planFeedSet(model, key, dependencies.bodies, templates.locale));
    else if (key.startsWith("shard/")) others.push(...dependencies.search.planShard(model, key));
    else if (key.startsWith("bib/")) others.push(...[planBibFile(scope, key)].filter((output) => output !== undefined));
    else {
      const plan = planPage(scope, key);
      if (plan) pages.push(plan);
    }
  }
  return [...pageOutputs(pages, templates, scope, dependencies.bodies), ...others];
}
