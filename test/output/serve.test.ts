// The preview server (shared with the dev server) answers as GitHub Pages
// does: folders redirect to their slash with 301, files carry the type Pages
// gives them, a folder serves its index.html, anything missing is 404.html with
// status 404; and a port in use moves on to the next free one.
import { writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../../scripts/commands/build.ts";
import { pagesContentType, serveSite, type RunningServer } from "../../scripts/output/serve.ts";
import { copyFixture, THEME } from "../support/helpers.ts";

let server: RunningServer;
let origin: string;
beforeAll(async () => {
  const root = await copyFixture("basic", "file");
  const result = await build({ root, templatesDir: THEME, env: { SITE_URL: "http://127.0.0.1/digest/" } });
  expect(result.diagnostics).toEqual([]);
  const dist = path.join(root, "dist");
  // Files of the kinds a site may carry beside its pages (a citation, a subscription list, a web app manifest).
  await writeFile(path.join(dist, "papers", "web-only", "cite.bib"), "@misc{x}\n");
  await writeFile(path.join(dist, "feeds.opml"), "<opml/>\n");
  await writeFile(path.join(dist, "site.webmanifest"), "{}\n");
  await writeFile(path.join(dist, "about.html"), "<!doctype html><title>About</title>\n");
  server = await serveSite({ dir: dist, basePath: "/digest/", port: 0 });
  origin = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server?.close());

const get = (pathname: string) => fetch(`${origin}${pathname}`, { redirect: "manual" });

describe("the preview server, as GitHub Pages serves", () => {
  it("redirects a folder without its slash to the slash with 301, keeping the query", async () => {
    for (const [from, to] of [
      ["/digest/papers/web-only", "/digest/papers/web-only/"],
      ["/digest/tags?page=2", "/digest/tags/?page=2"],
      ["/digest", "/digest/"],
    ]) {
      const response = await get(from!);
      expect(response.status, from).toBe(301);
      expect(response.headers.get("location"), from).toBe(to);
    }
  });

  it("serves a folder's index.html, and a page's .html without its extension", async () => {
    const folder = await get("/digest/papers/web-only/");
    expect(folder.status).toBe(200);
    expect(folder.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await folder.text()).toContain("<!doctype html>");
    const page = await get("/digest/about");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>About</title>");
  });

  it("gives each file the Content-Type Pages sends", async () => {
    const expected: Record<string, string> = {
      "/digest/sitemap.xml": "application/xml",
      "/digest/feed.xml": "application/xml",
      "/digest/atom.xml": "application/xml",
      "/digest/feed.json": "application/json; charset=utf-8",
      "/digest/robots.txt": "text/plain; charset=utf-8",
      "/digest/assets/style.css": "text/css; charset=utf-8",
      "/digest/assets/favicon.svg": "image/svg+xml",
      "/digest/CNAME": "application/octet-stream",
      "/digest/papers/web-only/cite.bib": "application/octet-stream",
      "/digest/feeds.opml": "text/x-opml; charset=utf-8",
      "/digest/site.webmanifest": "application/manifest+json; charset=utf-8",
    };
    for (const [pathname, type] of Object.entries(expected)) {
      const response = await get(pathname);
      expect(response.status, pathname).toBe(200);
      expect(response.headers.get("content-type"), pathname).toBe(type);
    }
    // KaTeX's fonts, and the types of kinds the fixture does not have.
    expect(pagesContentType("assets/katex/fonts/KaTeX_Main-Regular.woff2")).toBe("font/woff2");
    expect(pagesContentType("index.html")).toBe("text/html; charset=utf-8");
  });

  it("answers anything missing with 404.html and status 404, outside the base path too", async () => {
    for (const pathname of ["/digest/no-such-page/", "/digest/papers/no-such-paper", "/elsewhere/", "/digest/%2e%2e/paperboy.config.yaml"]) {
      const response = await get(pathname);
      expect(response.status, pathname).toBe(404);
      expect(response.headers.get("content-type"), pathname).toBe("text/html; charset=utf-8");
      expect(await response.text(), pathname).toContain("<!doctype html>");
    }
  });

  it("sends / to the base path", async () => {
    const response = await get("/");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/digest/");
  });
});

describe("a port in use", () => {
  it("moves the server to the next free port and says which it asked for", async () => {
    const held = await new Promise<Server>((resolve) => {
      const s = createServer();
      s.listen(0, "127.0.0.1", () => resolve(s));
    });
    const port = (held.address() as { port: number }).port;
    const moved = await serveSite({ dir: path.dirname(THEME), basePath: "/", port });
    try {
      expect(moved.movedFrom).toBe(port);
      expect(moved.port).toBeGreaterThan(port);
      expect(moved.url).toBe(`http://127.0.0.1:${moved.port}/`);
    } finally {
      await moved.close();
      held.close();
    }
  });

  it("reports nothing moved when the port was free or any port would do", async () => {
    const any = await serveSite({ dir: THEME, basePath: "/", port: 0 });
    await any.close();
    expect(any.movedFrom).toBeUndefined();
    const again = await serveSite({ dir: THEME, basePath: "/", port: any.port });
    await again.close();
    expect(again.port).toBe(any.port);
    expect(again.movedFrom).toBeUndefined();
  });
});
