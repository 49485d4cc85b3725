// npm run verify: a good build of each fixture passes; a built site broken in
// each way verify looks for fails with one clear line per problem, and the
// command line exits 1.
import { execFile } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { build } from "../../scripts/commands/build.ts";
import { pageKind, verifySite } from "../../scripts/commands/verify.ts";
import { copyFixture, ROOT } from "../support/helpers.ts";

const run = promisify(execFile);
const CLI = [path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), path.join(ROOT, "scripts", "cli.ts")];

/** A fixture copied to a temp folder and built into its dist/. */
async function built(name: string, scope: "test" | "file" = "test"): Promise<string> {
  const root = await copyFixture(name, scope);
  const result = await build({ root, env: {} });
  expect(result.diagnostics).toEqual([]);
  return root;
}

const edit = async (root: string, file: string, change: (text: string) => string) => {
  const target = path.join(root, "dist", file);
  await writeFile(target, change(await readFile(target, "utf8")));
};

describe("verify on good builds", () => {
  it.each(["basic", "digest"])("finds nothing wrong with the %s fixture", async (name) => {
    const root = await built(name);
    const { problems, diagnostics, counts } = await verifySite({ root, env: {} });
    expect(diagnostics).toEqual([]);
    expect(problems).toEqual([]);
    expect(counts.pages).toBeGreaterThan(20);
    expect(counts.feeds).toBeGreaterThan(3);
    expect(counts.validated).toBeGreaterThan(10);
  });

  it("checks links against SITE_URL when the build used it", async () => {
    const root = await copyFixture("basic");
    const env = { SITE_URL: "https://someone.github.io/their-fork/" };
    expect((await build({ root, env })).diagnostics).toEqual([]);
    expect((await verifySite({ root, env })).problems).toEqual([]);
  });

  it("validates every paper's and day's page, and one page of each other kind", () => {
    expect(pageKind("papers/2501.01230/index.html")).toBeUndefined();
    expect(pageKind("days/2025-01-06/index.html")).toBeUndefined();
    expect(pageKind("tags/llm/index.html")).toBe(pageKind("tags/theory/index.html"));
    expect(pageKind("tags/llm/page/2/index.html")).not.toBe(pageKind("tags/llm/index.html"));
    expect(pageKind("index.html")).not.toBe(pageKind("404.html"));
  });
});

describe("verify on broken builds", () => {
  let root: string;
  let problems: string[];
  beforeAll(async () => {
    root = await built("basic", "file");
    // A dangling link, a link out of the base path, a missing stylesheet (linked from every page),
    // invalid HTML, a malformed Atom feed, an RSS item without a link, and a JSON Feed that is not 1.1.
    await edit(root, "papers/2501.01230/index.html", (t) =>
      t.replace("</main>", '<p><a href="/digest/papers/no-such-paper/">gone</a> <a href="/elsewhere/">out</a></p></main>'),
    );
    await rm(path.join(root, "dist", "assets", "style.css"));
    await edit(root, "archive/index.html", (t) => t.replace("<main", '<p id="twice"></p><p id="twice"></p><main'));
    await edit(root, "atom.xml", (t) => t.slice(0, t.lastIndexOf("</entry>")));
    await edit(root, "feed.xml", (t) => t.replace(/<link>[^<]*<\/link>(?=\s*<guid)/, ""));
    await edit(root, "feed.json", (t) => t.replace("https://jsonfeed.org/version/1.1", "https://jsonfeed.org/version/1"));
    ({ problems } = await verifySite({ root, env: {} }));
  }, 60_000);

  const find = (pattern: RegExp) => problems.filter((p) => pattern.test(p));

  it("reports a link to a page that does not exist, once, with the file that carries it", () => {
    expect(find(/no-such-paper/)).toEqual(["dist/papers/2501.01230/index.html: links to /digest/papers/no-such-paper/, which is not in dist/"]);
  });

  it("reports a link that leaves the site's base path", () => {
    expect(find(/elsewhere/)).toEqual(["dist/papers/2501.01230/index.html: links to /elsewhere/, outside the site's base path /digest/"]);
  });

  it("reports a missing asset once, however many pages link to it", () => {
    const lines = find(/style\.css/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^dist\/\S+: links to \/digest\/assets\/style\.css, which is not in dist\/ \(and \d+ other files\)$/);
  });

  it("reports invalid HTML with its line and the rule it breaks", () => {
    expect(find(/^dist\/archive\/index\.html:\d+:\d+: no-dup-id: /)).toHaveLength(1);
  });

  it("reports a malformed feed as not well-formed XML, with its line", () => {
    expect(find(/^dist\/atom\.xml:\d+:\d+: not well-formed XML: /).length).toBeGreaterThan(0);
  });

  it("reports a feed item a reader cannot link to, and a JSON Feed of the wrong version", () => {
    expect(find(/^dist\/feed\.xml: item 1 has no absolute http\(s\) link/)).toHaveLength(1);
    expect(find(/^dist\/feed\.json: version: /)).toHaveLength(1);
  });

  it("says nothing about what is fine", () => {
    expect(problems.filter((p) => !/no-such-paper|elsewhere|style\.css|archive\/index\.html|atom\.xml|feed\.xml|feed\.json/.test(p))).toEqual([]);
  });

  it("the command line prints one line per problem and exits 1; on a good site, one summary line and exit 0", async () => {
    const failure = await run(process.execPath, [...CLI, "verify"], { cwd: root, env: { ...process.env, SITE_URL: "" } }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect("code" in failure && failure.code).toBe(1);
    const stderr = (failure as { stderr: string }).stderr.trim().split("\n");
    expect(stderr.at(-1)).toBe(`${problems.length} problems in the built site dist/`);
    expect(stderr.slice(0, -2)).toEqual(problems);

    const good = await built("basic");
    const { stdout } = await run(process.execPath, [...CLI, "verify"], { cwd: good, env: { ...process.env, SITE_URL: "" } });
    expect(stdout).toMatch(/^Verified dist\/: \d+ files; .*every internal link of \d+ pages resolves/);
  });

  it("says when there is no built site to verify", async () => {
    const empty = await copyFixture("basic");
    const { problems: none } = await verifySite({ root: empty, env: {} });
    expect(none).toEqual(["dist/ holds no built site (no index.html); run npm run build first"]);
  });
});
