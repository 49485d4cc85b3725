// The output folder → how much it weighs and what takes the space, against
// what GitHub Pages accepts: a published site of at most 1 GB. A digest grows
// by a dozen papers a day for years, so the build says so well before the
// limit (at 80%), naming the kinds of page that take the space, and the deploy
// workflow refuses to upload more than Pages accepts.
import { statSync } from "node:fs";
import path from "node:path";
import { listTree } from "../util/list-tree.ts";

/** GitHub Pages' limit on a published site (1 GB, as GitHub counts: 10⁹ bytes). */
export const PAGES_LIMIT_BYTES = 1_000_000_000;
/** Past this share of the limit, every build warns. */
export const WARN_AT = 0.8;

/** What the output weighs, in all and by kind of file. */
export interface SizeReport {
  bytes: number;
  files: number;
  /** Bytes by kind (`paper pages`, `tag pages and feeds`, …), largest first. */
  byKind: [kind: string, bytes: number][];
}

/** The kind of output a file is, as the size report names it. */
export function kindOf(file: string): string {
  const [top] = file.split("/");
  // The days' and tags' BibTeX files, beside their pages: counted apart, so their share is seen.
  if (file.endsWith(".bib")) return "bibliographies";
  if (file.endsWith(".xml") && top !== "tags" && !file.includes("/")) return file === "sitemap.xml" ? "sitemap" : "site feeds";
  if (file === "feed.json" || file === "feeds.opml") return "site feeds";
  switch (top) {
    case "papers":
      return "paper pages";
    case "days":
      return "day pages";
    case "weeks":
      return "week pages";
    case "months":
      return "month pages";
    case "tags":
      return file.endsWith(".xml") ? "tag feeds" : "tag pages";
    case "newsletter":
      return "e-mail digests";
    case "assets":
      return file.startsWith("assets/search/") ? "search index" : "assets";
    default:
      return "other pages";
  }
}

/** Weighs the files of `outDir` (given their sizes when already known, e.g. from the manifest). */
export async function sizeReport(outDir: string, known?: ReadonlyMap<string, number>): Promise<SizeReport> {
  const sizes = known ?? new Map((await listTree(outDir)).map((file) => [file, statSync(path.join(outDir, file)).size]));
  const byKind = new Map<string, number>();
  let bytes = 0;
  for (const [file, size] of sizes) {
    bytes += size;
    const kind = kindOf(file);
    byKind.set(kind, (byKind.get(kind) ?? 0) + size);
  }
  return { bytes, files: sizes.size, byKind: [...byKind].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)) };
}

/** `850 MB`, `1.2 GB`, `85 KB`: the units GitHub's limits are given in. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.round(bytes / 1e3)} KB`;
}

/** The line a build prints when the site nears or passes the limit; undefined while it is comfortably under. */
export function sizeWarning(report: SizeReport, limit = PAGES_LIMIT_BYTES): string | undefined {
  if (report.bytes < limit * WARN_AT) return undefined;
  const share = Math.round((report.bytes / limit) * 100);
  const top = report.byKind
    .slice(0, 4)
    .map(([kind, bytes]) => `${kind} ${formatBytes(bytes)}`)
    .join(", ");
  const verdict = report.bytes > limit ? "more than GitHub Pages publishes" : "near what GitHub Pages publishes";
  return `the site is ${formatBytes(report.bytes)} in ${report.files} files, ${share}% of ${formatBytes(limit)}, ${verdict} (the largest: ${top}); docs/performance.md says what to do`;
}
