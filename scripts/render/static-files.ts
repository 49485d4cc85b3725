// The small files a well-behaved static site carries besides its pages:
// sitemap.xml, robots.txt, .nojekyll, CNAME, and the third-party files pages
// use (the math font, MiniSearch), served from the site itself
// so that no request leaves it.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { byCodeUnit } from "../util/order.ts";
import { xmlSafe } from "./feeds.ts";
import { escapeHtml } from "../util/html-text.ts";
import type { PagePlan } from "./outputs.ts";
import { absoluteUrl, route } from "../site/routes.ts";
import type { OutputFile, SiteConfig } from "../types.ts";

/** `sitemap.xml` listing every page but the 404 page, with the date it last changed when known. */
export function renderSitemap(config: SiteConfig, plans: readonly PagePlan[]): OutputFile {
  const entries = plans
    // Pages only (not the e-mail digests or the 404), and not the address that only leads to another page.
    .filter((plan) => plan.path.endsWith("index.html") && plan.template !== "redirect")
    .map((plan) => {
      const lastmod = plan.lastModified;
      return `  <url><loc>${escapeHtml(xmlSafe(absoluteUrl(config, plan.route)))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ""}</url>`;
    })
    .sort(byCodeUnit);
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join("\n")}\n</urlset>\n`;
  return { path: route.sitemap(), contents: xml };
}

/** `robots.txt` allowing everything and pointing at the sitemap. */
export function renderRobots(config: SiteConfig): OutputFile {
  return { path: route.robots(), contents: `User-agent: *\nAllow: /\n\nSitemap: ${absoluteUrl(config, route.sitemap())}\n` };
}

/** `.nojekyll` (GitHub Pages serves files as they are) and `CNAME` when a custom domain is set. */
export function renderPagesFiles(config: SiteConfig): OutputFile[] {
  const files: OutputFile[] = [{ path: ".nojekyll", contents: "" }];
  if (config.cname) files.push({ path: "CNAME", contents: `${config.cname}\n` });
  return files;
}

/**
 * The math font pages use for MathML: STIX Two Math (SIL Open Font License,
 * from @fontsource/stix-two-math), whose OpenType MATH table lets browsers
 * stretch brackets and radicals and stack scripts as TeX would. One file, its
 * licence beside it; the theme's stylesheet loads it only where math appears.
 */
export async function mathFontAssets(): Promise<OutputFile[]> {
  const require = createRequire(import.meta.url);
  const root = path.dirname(require.resolve("@fontsource/stix-two-math/package.json"));
  return [
    { path: route.mathFont(), contents: await readFile(path.join(root, "files", "stix-two-math-latin-400-normal.woff2")) },
    { path: "assets/fonts/STIX-LICENSE.txt", contents: await readFile(path.join(root, "LICENSE"), "utf8") },
  ];
}

/** MiniSearch's browser build (it sets `window.MiniSearch`) and its licence, under `assets/minisearch/`. */
export async function minisearchAssets(): Promise<OutputFile[]> {
  const require = createRequire(import.meta.url);
  // The package exports no package.json; its main file is dist/cjs/index.cjs.
  const root = path.resolve(path.dirname(require.resolve("minisearch")), "..", "..");
  // The source map is not shipped, so its comment would only make browsers ask for a missing file.
  const script = (await readFile(path.join(root, "dist", "umd", "index.js"), "utf8")).replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n");
  return [
    { path: route.minisearchScript(), contents: script },
    { path: "assets/minisearch/LICENSE.txt", contents: await readFile(path.join(root, "LICENSE.txt"), "utf8") },
  ];
}
