// Regression tests for the second hardening round (issue 14), one block per
// class of fault, each at the smallest scale that shows it. The hostile corpus
// (test/fixtures/hostile/cases.ts) holds the contributions themselves; the
// browser half of the math class is test/browser/math.test.ts.
import { execFile, spawn } from "node:child_process";
import { chmod, mkdir, readdir, readFile, utimes, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { build, defaultCacheDir } from "../../scripts/commands/build.ts";
import { checkContent } from "../../scripts/commands/check.ts";
import { compilePaper } from "../../scripts/content/compile-paper.ts";
import { parseConfig } from "../../scripts/content/config.ts";
import { discoverPapers, SLUG_PATTERN, suggestFileName } from "../../scripts/content/discover.ts";
import { MAX_BODY_CHARS, MAX_SUMMARY_BYTES, MAX_TABLE_CELLS, MAX_TITLE_BYTES, renderBody, renderTitle } from "../../scripts/content/markdown.ts";
import { formatDiagnostic, formatGithubAnnotation } from "../../scripts/diagnostics/format.ts";
import { MAX_FEED_AUTHORS } from "../../scripts/render/feeds.ts";
import { processStarted } from "../../scripts/util/process-lock.ts";
import type { Diagnostic } from "../../scripts/types.ts";
import { runnerCommands } from "../support/actions-runner.ts";
import { buildSite, copyFixture, paperFile, ROOT, siteWith, tempDir, textOf, THEME, writeFiles } from "../support/helpers.ts";
import { CASES, writeHostileSite } from "../fixtures/hostile/cases.ts";

const run = promisify(execFile);
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const CLI = path.join(ROOT, "scripts", "cli.ts");
const IS_ROOT = process.getuid?.() === 0;

type Outcome = { code: number; stdout: string; stderr: string };
async function cli(root: string, args: string[], env: NodeJS.ProcessEnv = {}, user?: number): Promise<Outcome> {
  const command = user === undefined ? [TSX, CLI, ...args] : ["setpriv", `--reuid=${user}`, `--regid=${user}`, "--clear-groups", "--", TSX, CLI, ...args];
  try {
    const { stdout, stderr } = await run(command[0]!, command.slice(1), { cwd: root, env: { ...process.env, SITE_URL: "", GITHUB_ACTIONS: "", ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as Outcome;
    return { code, stdout, stderr };
  }
}

const compile = (text: string, file = "content/papers/2025-10-06/p.md") =>
  compilePaper({ path: file, day: "2025-10-06", slug: path.posix.basename(file, ".md"), text });
const problems = (text: string) => compile(text).diagnostics.map((d) => `${d.line}: ${d.field}: ${d.rule}`);

describe("1. one paper cannot make the site carry more than its limits allow", () => {
  const rules = (markdown: string) => renderBody(markdown).problems.map((p) => `${p.line}:${p.rule}`);
  const table = (rows: number, columns: number) => `${"|h".repeat(columns)}|\n${"|-".repeat(columns)}|\n${`${"|1".repeat(columns)}|\n`.repeat(rows - 1)}`;

  it("counts a table's cells as rendered, padded rows included, and refuses it before rendering", () => {
    expect(rules(table(50, 10))).toEqual([]);
    expect(MAX_TABLE_CELLS).toBe(500);
    expect(rules(`Intro.\n\n${table(51, 10)}`)).toEqual(["3:body/table-too-large"]);
    // One header cell per column and one-character rows: GFM pads each of the 1,250 rows to 620 cells.
    const padded = renderBody(`${"a|".repeat(620)}\n${"-|".repeat(620)}\n${"b\n".repeat(1250)}`);
    expect(padded.problems.map((p) => p.message)).toEqual([
      `this table has 1251 rows of 620 columns (775620 cells); a summary's tables may have at most ${MAX_TABLE_CELLS} cells`,
    ]);
    expect(padded.body.html).toBe("");
  });

  it("refuses a summary that renders past its limit, naming the limit", () => {
    const heavy = renderBody("$x$ ".repeat(200)).problems;
    expect(heavy.map((p) => p.message)).toEqual([
      expect.stringMatching(new RegExp(`^the summary renders to \\d+ KB of HTML with its math; at most ${MAX_SUMMARY_BYTES / 1024} KB are allowed$`)),
    ]);
    expect(renderBody("$x$ ".repeat(100)).problems).toEqual([]);
  });

  it("refuses a title whose math renders past its limit (it is on every listing of the paper)", () => {
    expect(renderTitle(`${"$\\sqrt{x}$ ".repeat(40)}`).problems.map((p) => p.rule)).toEqual(["schema/title"]);
    expect(renderTitle("Scaling $O(n \\log n)$ attention to $10^6$ tokens").problems).toEqual([]);
    expect(MAX_TITLE_BYTES).toBe(4 * 1024);
  });

  it("names at most MAX_FEED_AUTHORS authors in each feed item, while the paper's page names them all", async () => {
    const authors = Array.from({ length: 120 }, (_, i) => `Author ${i + 1}`);
    const root = await siteWith({ "content/papers/2025-10-06/big.md": paperFile({ authors: `authors:\n${authors.map((a) => `  - ${a}`).join("\n")}` }) });
    const result = await buildSite(root);
    const item = JSON.parse(textOf(result, "feed.json")).items[0];
    expect(item.authors).toHaveLength(MAX_FEED_AUTHORS);
    expect(item.content_html).toContain(`Author ${MAX_FEED_AUTHORS} and ${120 - MAX_FEED_AUTHORS} more</p>`);
    expect(textOf(result, "feed.xml").match(/<dc:creator>/g)).toHaveLength(MAX_FEED_AUTHORS);
    expect(textOf(result, "atom.xml").match(/<author>/g)!.length).toBeLessThanOrEqual(MAX_FEED_AUTHORS + 1);
    expect(textOf(result, `papers/${result.model!.papers[0]!.id}/index.html`)).toContain("Author 120");
  });

  it("adds at most 6 MB to the site for the largest paper the limits allow, with 12 tags (one 5 KB table once added over 300 MB)", async () => {
    // The most of everything: formulas until a limit refuses one more, the heaviest title, authors up to the file's size.
    let body = `${table(50, 10)}\n`;
    while (renderBody(`${body}$x$ `).problems.length === 0 && body.length < MAX_BODY_CHARS - 4) body += "$x$ ";
    let title = "";
    while (renderTitle(`${title}$\\sqrt{x}$ `).problems.length === 0) title += "$\\sqrt{x}$ ";
    const authors = Array.from({ length: 4000 }, (_, i) => `  - Author Name ${i}`).join("\n");
    const tags = Array.from({ length: 12 }, (_, i) => `  - tag-${i + 1}`).join("\n");
    const heavy = `---\ntitle: '${title}'\nauthors:\n${authors}\narxiv: "2501.00002"\ntags:\n${tags}\n---\n${body}\n`;
    const ordinary = paperFile({ tags: "tags:\n  - tag-1" });
    const size = async (papers: Record<string, string>) => {
      const result = await buildSite(await siteWith(papers));
      expect(result.diagnostics).toEqual([]);
      return result.files!.reduce((sum, f) => sum + Buffer.byteLength(f.contents as string), 0);
    };
    const before = await size({ "content/papers/2025-10-06/a.md": ordinary });
    const after = await size({ "content/papers/2025-10-06/a.md": ordinary, "content/papers/2025-10-06/heavy.md": heavy });
    console.log(`the largest paper the limits allow adds ${((after - before) / 1024 / 1024).toFixed(2)} MB`);
    expect(after - before).toBeLessThan(6 * 1024 * 1024);
  });
});

describe("2. nothing a contributor writes reaches GitHub Actions as a workflow command", () => {
  const anyText = fc.string({
    unit: fc.constantFrom("a", " ", ":", "::", "\n", "\r", "\r\n", "%", ",", "##[", "]", "error", "notice", "stop-commands", "\u2028", "\u001b", "=", "\t"),
    maxLength: 40,
  });

  it("prints each diagnostic as lines the runner reads as no command, and as exactly one ::error with its own file", () => {
    fc.assert(
      fc.property(anyText, anyText, anyText, anyText, (file, field, message, fix) => {
        const d: Diagnostic = { file: `content/${file}`, line: 3, field, message, fix, rule: "schema/tags" };
        expect(runnerCommands(formatDiagnostic(d))).toEqual([]);
        const commands = runnerCommands(formatGithubAnnotation(d));
        expect(commands.map((c) => c.name)).toEqual(["error"]);
        expect(commands[0]!.properties.file).toMatch(/^content\/[^\r\n]*$/);
        expect(commands[0]!.properties.line).toBe("3");
      }),
      { numRuns: 500 },
    );
  });

  it("keeps the check's and the build's whole output free of forged commands, in GitHub Actions mode", async () => {
    const root = await tempDir();
    const forged = CASES.filter((c) => ["forged-annotations", "forged-file-name", "html-in-tags", "escaping-day-folder"].includes(c.name));
    await writeHostileSite(root, forged, await tempDir());
    const expected = (await checkContent(root, [], {})).diagnostics;
    expect(expected.length).toBeGreaterThanOrEqual(8);
    for (const args of [["check"], ["build"]]) {
      const { code, stdout, stderr } = await cli(root, args, { GITHUB_ACTIONS: "true" });
      expect(code).toBe(1);
      const commands = runnerCommands(`${stdout}\n${stderr}`);
      // One ::error per problem, on stdout, and nothing else anywhere.
      expect(commands.map((c) => `${c.name} ${c.properties.line ?? 0}`)).toEqual(expected.map((d) => `error ${d.line || 0}`));
      expect(runnerCommands(stderr)).toEqual([]);
      for (const command of commands) expect(command.properties.file).toMatch(/^content\/papers\/[^\r\n]*$/);
    }
  });
});

describe("4. one text rule for every field a contributor writes", () => {
  const BAD = ["\u0001", "\u007F", "\u0085", "\uFFFF", "\uFDD0", "\u{1FFFE}", "\uD800", "\u202E", "\u2066"];
  /** A double-quoted YAML scalar holding `text`, every character outside printable ASCII as an escape. */
  const yaml = (text: string) =>
    `"${[...text].map((c) => (c >= " " && c <= "~" && c !== '"' && c !== "\\" ? c : c.length > 1 || c.codePointAt(0)! > 0xffff ? `\\U${c.codePointAt(0)!.toString(16).padStart(8, "0")}` : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)).join("")}"`;
  const FIELDS: Record<string, (value: string) => Record<string, string>> = {
    title: (v) => ({ title: `title: ${yaml(`A ${v} title`)}` }),
    "authors.0": (v) => ({ authors: `authors:\n  - ${yaml(`Ada ${v}Lovelace`)}` }),
    venue: (v) => ({ venue: `venue: ${yaml(`NeurIPS ${v}2024`)}` }),
    doi: (v) => ({ doi: `doi: ${yaml(`10.1000/a${v}b`)}` }),
    url: (v) => ({ url: `url: ${yaml(`https://example.org/a${v}b`)}` }),
    "links.code": (v) => ({ links: `links:\n  code: ${yaml(`https://example.org/a${v}b`)}` }),
    "tags.0": (v) => ({ tags: `tags:\n  - ${yaml(`a${v}b`)}` }),
    submitted_by: (v) => ({ submitted_by: `submitted_by: ${yaml(`ada${v}`)}` }),
    arxiv: (v) => ({ arxiv: `arxiv: ${yaml(`2501.0${v}0001`)}` }),
  };

  it("refuses, in every field, the characters pages and feeds cannot carry and direction controls (the DOI and URLs took them)", () => {
    const missed: string[] = [];
    for (const [field, place] of Object.entries(FIELDS)) {
      for (const bad of BAD) {
        const fields = { ...place(bad) };
        const found = compile(paperFile(fields)).diagnostics.filter((d) => d.field === field);
        if (found.length === 0) missed.push(`${field} took U+${bad.codePointAt(0)!.toString(16).toUpperCase()}`);
      }
    }
    expect(missed).toEqual([]);
  });

  it("refuses a value that shows nothing, and keeps invisible characters that belong to the text", () => {
    expect(problems(paperFile({ title: 'title: "\\u200B"', authors: 'authors:\n  - "\\u3164"\n  - "\\u2800"', venue: 'venue: "\\u2060\\u00AD"' }))).toEqual([
      "2: title: schema/title",
      "4: authors.0: schema/authors",
      "5: authors.1: schema/authors",
      "7: venue: schema/venue",
    ]);
    expect(problems(paperFile({ title: 'title: "می\\u200Cخواهم 👩\\u200D🔬 co\\u00ADoperation \\u200F(LLM)"' }))).toEqual([]);
    expect(problems(paperFile({}, "\u200B\u200D\u2060"))).toEqual(["7: body: body/empty"]);
  });

  it("refuses invisible characters in identifiers, where they make two DOIs that look alike differ", () => {
    expect(compile(paperFile({ arxiv: 'doi: "10.1000/ab\\u200Bc"' })).diagnostics.map((d) => d.message)).toEqual([
      "the DOI contains the invisible character U+200B; retype it",
    ]);
  });

  it("stores a DOI in NFC, so the same DOI typed in NFC and in NFD is one paper", async () => {
    const nfd = compile(paperFile({ arxiv: 'doi: "10.1000/cafe\\u0301"' })).paper!;
    expect(nfd.doi).toBe("10.1000/caf\u00e9");
    const root = await siteWith({
      "content/papers/2025-10-06/a.md": paperFile({ arxiv: "doi: 10.1000/caf\u00e9" }),
      "content/papers/2025-10-07/b.md": paperFile({ arxiv: "doi: 10.1000/cafe\u0301" }),
    });
    expect((await buildSite(root)).diagnostics.map((d) => `${d.file}: ${d.rule}`)).toEqual(["content/papers/2025-10-07/b.md: content/duplicate-paper"]);
  });

  it("applies the same rule to the site configuration", () => {
    const config = (extra: string) =>
      parseConfig(`title: ${extra}\ndescription: "\\u200B"\nurl: "https://example.org/\\uFFFF"\nauthor:\n  name: "Team \\u2067X"\n`).diagnostics.map(
        (d) => `${d.field}: ${d.message}`,
      );
    expect(config('"Digest \\u202E"')).toEqual([
      "title: contains the invisible direction control U+202E, which would reverse the text shown after it; right-to-left text displays correctly without it",
      "description: holds only invisible characters (U+200B), so it would show as blank; expected one sentence saying what the digest is about",
      "url: the address contains the control character U+FFFF, which pages and feeds cannot carry; retype it",
      "author.name: contains the invisible direction control U+2067, which would reverse the text shown after it; right-to-left text displays correctly without it",
    ]);
  });
});

describe("6. values that look right and are not", () => {
  it("refuses day folders outside 1970–9998 (0099 was shown as 1999), and keeps the days at both ends", async () => {
    const root = await siteWith({
      "content/papers/0099-01-01/a.md": paperFile({ arxiv: 'arxiv: "2501.00001"' }),
      "content/papers/1969-12-31/b.md": paperFile({ arxiv: 'arxiv: "2501.00002"' }),
      "content/papers/9999-01-01/c.md": paperFile({ arxiv: 'arxiv: "2501.00003"' }),
    });
    expect((await discoverPapers(root)).diagnostics.map((d) => `${d.file}: ${d.message}`)).toEqual([
      'content/papers/0099-01-01: folder "0099-01-01" is a day before 1970; a digest day is the day the digest listed its papers',
      'content/papers/1969-12-31: folder "1969-12-31" is a day before 1970; a digest day is the day the digest listed its papers',
      'content/papers/9999-01-01: folder "9999-01-01" is a day after 9998; a digest day is the day the digest listed its papers',
    ]);
    const ends = await siteWith({
      "content/papers/1970-01-01/a.md": paperFile({ arxiv: 'arxiv: "2501.00001"' }),
      "content/papers/9998-12-31/b.md": paperFile({ arxiv: 'arxiv: "2501.00002"' }),
    });
    const result = await buildSite(ends);
    expect(result.diagnostics).toEqual([]);
    expect(result.files!.map((f) => f.path)).toEqual(
      expect.arrayContaining(["weeks/1970-W01/index.html", "weeks/9998-W53/index.html", "months/9998-12/index.html"]),
    );
    expect(JSON.parse(textOf(result, "feed.json")).items.map((i: { date_published: string }) => i.date_published)).toEqual([
      "9998-12-31T00:00:00.000Z",
      "1970-01-01T00:00:00.000Z",
    ]);
  });

  it("refuses a summary's direction overrides as a title's, so none reaches a description, social tag, JSON-LD or feed summary", () => {
    expect(problems(paperFile({}, "Plain, then \u202Ereversed.\n\nAnd \u2067isolated."))).toEqual(["7: body: body/character"]);
    expect(compile(paperFile({}, "Plain, then \u202Ereversed.")).diagnostics[0]!.message).toBe(
      "contains the invisible direction control U+202E, which would reverse the text shown after it; right-to-left text displays correctly without it",
    );
    // Marks are not controls: they stay.
    expect(problems(paperFile({}, "A \u200Fmark and an Arabic \u061C mark."))).toEqual([]);
  });
});

describe("7. messages and edges", () => {
  it("reports a field name that is a list or a set of fields at its own line, without Node's warning", () => {
    const warnings: string[] = [];
    const listen = (w: Error) => warnings.push(w.message);
    process.on("warning", listen);
    try {
      const text = `---\ntitle: T\nauthors:\n  - A\narxiv: "2501.00001"\n[a, b]: x\nlinks:\n  ? code\n  : https://example.org/\n  ? [x]\n  : https://example.org/\n---\nBody.\n`;
      expect(compile(text).diagnostics.map((d) => `${d.line}: ${d.field ?? ""}: ${d.rule}: ${d.message}`)).toEqual([
        "6: : yaml/key: a field's name must be plain text, not a list",
        "10: links: yaml/key: a field's name must be plain text, not a list",
      ]);
    } finally {
      process.off("warning", listen);
    }
    expect(warnings).toEqual([]);
  });

  it("suggests a file name that is itself valid, for any name (Foo-Bar.MD was told to become Foo-Bar.md)", () => {
    expect(suggestFileName("Foo-Bar.MD")).toBe("foo-bar.md");
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (name) => {
        const suggested = suggestFileName(name);
        return suggested.endsWith(".md") && SLUG_PATTERN.test(suggested.slice(0, -3));
      }),
    );
  });

  it("puts that name in every fix that suggests one", async () => {
    const root = await siteWith({
      "content/papers/2025-10-06/Foo-Bar.MD": paperFile(),
      "content/papers/2025-10-06/My Paper.md": paperFile(),
      "content/papers/2025-10-06/notes.TXT": "x",
      "content/papers/Stray File.md": paperFile(),
    });
    const fixes = (await discoverPapers(root)).diagnostics.map((d) => d.fix!);
    expect(fixes.map((fix) => /(?:rename it to |move it to \S*\/)(\S+\.md)/.exec(fix)?.[1])).toEqual([
      "foo-bar.md",
      "my-paper.md",
      "notes.md",
      "stray-file.md",
    ]);
  });

  it("says a file that cannot be read could not be read, not that it is not UTF-8", async () => {
    const root = await siteWith({ "content/papers/2025-10-06/locked.md": paperFile() });
    const file = path.join(root, "content/papers/2025-10-06/locked.md");
    const expected = "content/papers/2025-10-06/locked.md: could not be read (permission denied)";
    if (!IS_ROOT) {
      await chmod(file, 0);
      expect((await discoverPapers(root)).diagnostics.map((d) => `${d.file}: ${d.message}`)).toEqual([expected]);
      return;
    }
    // Root reads any file: the check runs as nobody, to whom everything but the paper is readable.
    await run("chmod", ["-R", "a+rwX", root]);
    await chmod(file, 0);
    const { code, stderr } = await cli(root, ["check"], { HOME: "/tmp" }, 65534);
    expect(stderr).toContain(`${expected}\n  fix: check that the file is there and that its permissions let you read it`);
    expect(code).toBe(1);
  });

  it("renders every link it accepts with its address: mailto: to one address, and schemes in any case", () => {
    const { body, problems: found } = renderBody(
      "[mail](mailto:ada@example.org), eve@example.org, [loud](HTTPS://example.org/a) and [ref][r].\n\n[r]: Http://example.org/b",
    );
    expect(found).toEqual([]);
    expect(body.html.trim()).toBe(
      '<p><a href="mailto:ada@example.org">mail</a>, <a href="mailto:eve@example.org">eve@example.org</a>, <a href="https://example.org/a">loud</a> and <a href="http://example.org/b">ref</a>.</p>',
    );
    // Whatever passes validation keeps its href: no link renders as a dead <a>.
    fc.assert(
      fc.property(fc.constantFrom("http", "https", "mailto"), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), (scheme, upper) => {
        const cased = [...scheme].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join("");
        const url = scheme === "mailto" ? `${cased}:ada@example.org` : `${cased}://example.org/`;
        const rendered = renderBody(`[x](${url})`);
        return rendered.problems.length > 0 || /<a href="[^"]+">x<\/a>/.test(rendered.body.html);
      }),
    );
    expect(renderBody("[m](mailto:ada@example.org?body=hi)").problems.map((p) => p.rule)).toEqual(["body/link"]);
  });
});

describe("7. two builds at once, and builds that were killed", () => {
  /** A process that lives until killed, and the lock file it would have written. */
  async function liveHolder(root: string, started?: string) {
    const child = spawn("sleep", ["60"], { stdio: "ignore" });
    await new Promise((resolve) => child.once("spawn", resolve));
    const lock = path.join(path.dirname(defaultCacheDir(root)), "paperboy.lock");
    await mkdir(path.dirname(lock), { recursive: true });
    const holder = {
      pid: child.pid!,
      host: (await import("node:os")).hostname(),
      since: "2025-10-06T10:00:00.000Z",
      nonce: "feedface",
      ...(started ? { started } : { started: processStarted(child.pid!) }),
    };
    await writeFile(lock, JSON.stringify(holder));
    return { child, lock };
  }

  it("lets the second of two builds wait for the first, and both succeed (the loser crashed)", async () => {
    const root = await copyFixture("basic");
    const waits: number[] = [];
    const options = { root, templatesDir: THEME, env: {}, onLockWait: (holder: { pid: number }) => waits.push(holder.pid) };
    const results = await Promise.all([build(options), build(options), build(options)]);
    expect(results.map((r) => r.diagnostics)).toEqual([[], [], []]);
    expect(waits.length).toBeGreaterThanOrEqual(1);
    expect(waits.every((pid) => pid === process.pid)).toBe(true);
    expect(existsSync(path.join(root, ".cache", "paperboy.lock"))).toBe(false);
    expect((await readdir(root)).filter((f) => f.startsWith(".paperboy-staging"))).toEqual([]);
  });

  it("runs two command-line builds at once without an internal error", async () => {
    const root = await copyFixture("basic");
    const [a, b] = await Promise.all([cli(root, ["build"]), cli(root, ["build", "--no-cache"])]);
    for (const outcome of [a, b]) {
      expect(outcome.stderr).not.toContain("internal error");
      expect(outcome.code).toBe(0);
    }
    expect(await readFile(path.join(root, "dist", "index.html"), "utf8")).toContain("Fixture Digest");
  });

  it("waits while the lock's holder runs, saying so once, and goes on when it ends", async () => {
    const root = await copyFixture("basic");
    const { child, lock } = await liveHolder(root);
    const told: string[] = [];
    const building = build({ root, templatesDir: THEME, env: {}, onLockWait: (holder, file) => told.push(`${holder.pid} ${file}`) });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(told).toEqual([`${child.pid} ${lock}`]);
    child.kill();
    expect((await building).diagnostics).toEqual([]);
    expect(told).toHaveLength(1);
  });

  it("takes over a lock whose process was killed, or whose number a later process reuses", async () => {
    const root = await copyFixture("basic");
    const gone = spawn("true");
    await new Promise((resolve) => gone.once("exit", resolve));
    const lock = path.join(root, ".cache", "paperboy.lock");
    await mkdir(path.dirname(lock), { recursive: true });
    await writeFile(lock, JSON.stringify({ pid: gone.pid, host: (await import("node:os")).hostname(), since: "2025-10-06T10:00:00.000Z", nonce: "deadbeef" }));
    const told: number[] = [];
    expect((await build({ root, templatesDir: THEME, env: {}, onLockWait: (h) => told.push(h.pid) })).diagnostics).toEqual([]);
    if (processStarted(process.pid) !== undefined) {
      // A live process with the lock's number, started at another time than the lock says.
      const { child } = await liveHolder(root, "another-boot:1");
      try {
        expect((await build({ root, templatesDir: THEME, env: {}, onLockWait: (h) => told.push(h.pid) })).diagnostics).toEqual([]);
      } finally {
        child.kill();
      }
    }
    expect(told).toEqual([]);
    expect(existsSync(lock)).toBe(false);
  });

  it("removes the staging folders killed builds left, and only those no live build owns", async () => {
    const root = await copyFixture("basic");
    const gone = spawn("true");
    await new Promise((resolve) => gone.once("exit", resolve));
    const alive = spawn("sleep", ["60"], { stdio: "ignore" });
    await new Promise((resolve) => alive.once("spawn", resolve));
    const parent = root; // dist/ is in the root, so its staging folders are too.
    const folders = {
      dead: `.paperboy-staging-${gone.pid}-0a1b2c3d4e5f`,
      deadAside: `.paperboy-staging-${gone.pid}-0a1b2c3d4e5f-previous`,
      live: `.paperboy-staging-${alive.pid}-0a1b2c3d4e5f`,
      oldUnowned: ".paperboy-staging-0123456789ab",
      newUnowned: ".paperboy-staging-ba9876543210",
    };
    for (const name of Object.values(folders)) await writeFiles(path.join(parent, name), { "papers/x/index.html": "left behind" });
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(path.join(parent, folders.oldUnowned), twoHoursAgo, twoHoursAgo);
    try {
      expect((await build({ root, templatesDir: THEME, env: {} })).diagnostics).toEqual([]);
      expect((await readdir(parent)).filter((f) => f.startsWith(".paperboy-staging")).sort()).toEqual([folders.live, folders.newUnowned].sort());
    } finally {
      alive.kill();
    }
  });
});
