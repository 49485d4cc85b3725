// Every internal link and asset of the two fixture sites (basic and digest),
// fetched over HTTP from the preview server under the base path /digest/, as
// GitHub Pages would serve it; links in feeds and the sitemap included.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../scripts/commands/build.ts";
import { ownUrlsIn, referencesInCss, referencesInHtml } from "../../scripts/output/check-links.ts";
import { serveSite, type RunningServer } from "../../scripts/output/serve.ts";
import { copyFixture, FIXTURES, tempDir } from "../support/helpers.ts";

const SITE_URL = "http://127.0.0.1/digest/";
/** Every URL a page refers to; the same extraction npm run verify uses, here followed over HTTP. */
const referencesIn = (html: string) => referencesInHtml(html, SITE_URL);

/** Crawls from the base path; returns what it reached, what was broken and what escaped the base path. */
async function crawl(origin: string): Promise<{ seen: Set<string>; broken: string[]; escaping: string[] }> {
  const seen = new Set<string>();
  const queue = ["/digest/", "/digest/sitemap.xml"];
  const broken: string[] = [];
  const escaping: string[] = [];
  while (queue.length > 0) {
    const pathname = queue.shift()!;
    if (seen.has(pathname)) continue;
    seen.add(pathname);
    const response = await fetch(origin + pathname, { redirect: "manual" });
    if (response.status !== 200) {
      broken.push(`${pathname} → ${response.status}`);
      continue;
    }
    const type = response.headers.get("content-type") ?? "";
    const body = await response.text();
    const refs = type.includes("text/html")
      ? referencesIn(body)
      : type.includes("css")
        ? referencesInCss(body)
        : /xml|json/.test(type)
          ? ownUrlsIn(body, SITE_URL)
          : [];
    for (const ref of refs) {
      const url = new URL(ref, origin + pathname);
      if (url.origin !== origin && url.hostname !== "127.0.0.1") continue; // external
      if (!url.pathname.startsWith("/digest/")) escaping.push(`${pathname} → ${ref}`);
      else if (!seen.has(url.pathname)) queue.push(url.pathname);
    }
  }
  return { seen, broken, escaping };
}

describe("links and assets under a base path: the digest fixture", () => {
  it("resolves every internal link and asset, reaches every paper, and none escapes the base path", async () => {
    const dist = path.join(await tempDir(), "dist");
    const result = await build({ root: path.join(FIXTURES, "digest"), outDir: dist, env: { SITE_URL: "http://127.0.0.1/digest/" } });
    expect(result.diagnostics).toEqual([]);
    const server = await serveSite({ dir: dist, basePath: "/digest/", port: 0 });
    try {
      const { seen, broken, escaping } = await crawl(`http://127.0.0.1:${server.port}`);
      expect(broken).toEqual([]);
      expect(escaping).toEqual([]);
      for (const paper of result.model!.papers) expect(seen).toContain(`/digest/papers/${paper.id}/`);
      for (const expected of ["/digest/archive/", "/digest/tags/", "/digest/feed.xml", "/digest/atom.xml", "/digest/feed.json", "/digest/assets/style.css"])
        expect(seen).toContain(expected);
    } finally {
      await server.close();
    }
  });
});

describe("links and assets under a base path", () => {
  let server: RunningServer;
  let origin: string;
  beforeAll(async () => {
    const root = await copyFixture("basic", "file");
    const result = await build({ root, env: { SITE_URL: "http://127.0.0.1/digest/" } });
    expect(result.diagnostics).toEqual([]);
    server = await serveSite({ dir: path.join(root, "dist"), basePath: "/digest/", port: 0 });
    origin = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server?.close());

  it("resolves every internal link and asset, and none escapes the base path", async () => {
    const { seen, broken, escaping } = await crawl(origin);
    expect(broken).toEqual([]);
    expect(escaping).toEqual([]);
    // The crawl reached every kind of page.
    for (const expected of [
      "/digest/archive/",
      "/digest/tags/",
      "/digest/tags/llm/",
      "/digest/days/2025-01-06/",
      "/digest/papers/2501.01230/",
      "/digest/papers/hep-th/9901001/",
      "/digest/feed.xml",
      "/digest/atom.xml",
      "/digest/feed.json",
      "/digest/assets/style.css",
      "/digest/assets/fonts/stix-two-math.woff2",
    ]) {
      expect(seen).toContain(expected);
    }
    expect([...seen].some((p) => p.endsWith(".woff2"))).toBe(true);
  });

  it("serves 404.html with status 404 for a missing page, with working asset links", async () => {
    const response = await fetch(`${origin}/digest/no/such/page/`);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain("Page not found");
    expect(referencesIn(html)).toContain("/digest/assets/style.css");
  });

  it("redirects the bare origin to the base path", async () => {
    const response = await fetch(`${origin}/`, { redirect: "manual" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/digest/");
  });
});
