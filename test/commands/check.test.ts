// `check` on named files: the build's rules and messages for exactly those
// files, duplicates still found across the whole digest; and the workflow
// commands that put each problem on its line of a pull request.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { checkContent } from "../../scripts/commands/check.ts";
import { type formatDiagnostic, formatGithubAnnotation } from "../../scripts/diagnostics/format.ts";
import { copyFixture, paperFile, ROOT, siteWith, writeFiles } from "../support/helpers.ts";

const run = promisify(execFile);
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const CLI = path.join(ROOT, "scripts", "cli.ts");
const lines = (result: { diagnostics: Parameters<typeof formatDiagnostic>[0][] }) =>
  result.diagnostics.map((d) => `${d.file}:${d.line}: ${d.field ? `${d.field}: ` : ""}${d.message}`);

describe("check <files>", () => {
  it("reports the named files' problems only, with the build's messages", async () => {
    const root = await siteWith({
      "content/papers/2025-01-06/good.md": paperFile(),
      "content/papers/2025-01-06/bad.md": paperFile({ authors: "authors: Chao Zhang", arxiv: 'arxiv: "2501.00002"' }),
      "content/papers/2025-01-07/also-bad.md": paperFile({ title: undefined, arxiv: 'arxiv: "2501.00003"' }),
    });
    expect(await checkContent(root, ["content/papers/2025-01-06/good.md"], {})).toEqual({ diagnostics: [], checked: 1 });
    const bad = await checkContent(root, ["content/papers/2025-01-06/bad.md"], {});
    expect(lines(bad)).toEqual(["content/papers/2025-01-06/bad.md:3: authors: expected a list of names, got a string"]);
    // The same file in a full check gives the same message, among the others.
    const all = await checkContent(root, [], {});
    expect(lines(all)).toContain(lines(bad)[0]);
    expect(lines(all)).toHaveLength(2);
  });

  it("accepts absolute paths and ./ paths, and checks each file once", async () => {
    const root = await siteWith({ "content/papers/2025-01-06/good.md": paperFile() });
    const file = "content/papers/2025-01-06/good.md";
    expect(await checkContent(root, [path.join(root, file), `./${file}`, file], {})).toEqual({ diagnostics: [], checked: 1 });
  });

  it("finds a duplicate on another day, whichever of the two files is named", async () => {
    const root = await siteWith({
      "content/papers/2025-01-06/first.md": paperFile({ arxiv: 'arxiv: "2501.00009"' }),
      "content/papers/2025-01-07/second.md": paperFile({ arxiv: 'arxiv: "2501.00009v2"' }),
      "content/papers/2025-01-08/unrelated-a.md": paperFile({ arxiv: 'arxiv: "2501.00010"' }),
      "content/papers/2025-01-08/unrelated-b.md": paperFile({ arxiv: 'arxiv: "2501.00010"' }),
    });
    const expected = ["content/papers/2025-01-07/second.md:5: arxiv: arXiv 2501.00009v2 is already in the digest as content/papers/2025-01-06/first.md"];
    expect(lines(await checkContent(root, ["content/papers/2025-01-07/second.md"], {}))).toEqual(expected);
    expect(lines(await checkContent(root, ["content/papers/2025-01-06/first.md"], {}))).toEqual(expected);
  });

  it("finds a DOI given twice (in any case) and two slug-addressed papers on one page", async () => {
    const root = await siteWith({
      "content/papers/2025-01-06/journal.md": paperFile({ arxiv: "doi: 10.1000/ABC" }),
      "content/papers/2025-01-07/journal-again.md": paperFile({ arxiv: "doi: 10.1000/abc" }),
      "content/papers/2025-01-06/web.md": paperFile({ arxiv: "url: https://example.org/a" }),
      "content/papers/2025-01-08/web.md": paperFile({ arxiv: "url: https://example.org/b" }),
    });
    expect(lines(await checkContent(root, ["content/papers/2025-01-06/journal.md"], {}))).toEqual([
      "content/papers/2025-01-07/journal-again.md:5: doi: DOI 10.1000/abc is already in the digest as content/papers/2025-01-06/journal.md",
    ]);
    expect(lines(await checkContent(root, ["content/papers/2025-01-08/web.md"], {}))).toEqual([
      "content/papers/2025-01-08/web.md:1: this paper's page would be papers/web/, which content/papers/2025-01-06/web.md already uses",
    ]);
  });

  it("says what is wrong with a path that is not a paper file", async () => {
    const root = await siteWith({ "content/papers/2025-01-06/good.md": paperFile(), "content/papers/2025-01-06/notes.txt": "x" });
    const result = await checkContent(
      root,
      ["README.md", "content/papers/2025-02-30/x.md", "content/papers/2025-01-06/missing.md", "content/papers/2025-01-06/notes.txt"],
      {},
    );
    expect(lines(result)).toEqual([
      "README.md:0: is not a paper file (papers are content/papers/YYYY-MM-DD/<slug>.md)",
      "content/papers/2025-01-06/missing.md:0: there is no such file",
      "content/papers/2025-01-06/notes.txt:0: is not a Markdown file (paper files end in .md)",
      'content/papers/2025-02-30:0: folder "2025-02-30" is not a real calendar date',
    ]);
    expect(result.checked).toBe(0);
  });

  it("still reports a broken configuration", async () => {
    const root = await siteWith({ "content/papers/2025-01-06/good.md": paperFile() });
    await writeFiles(root, { "paperboy.config.yaml": "title: T\n" });
    const result = await checkContent(root, ["content/papers/2025-01-06/good.md"], {});
    expect(result.diagnostics.map((d) => d.file)).toEqual(["paperboy.config.yaml", "paperboy.config.yaml", "paperboy.config.yaml"]);
  });
});

describe("GitHub workflow commands", () => {
  it("escape what the runner would misread, and give file, line and title", () => {
    // Newlines are escaped for the runner; other control characters (a CR here) are shown, never sent.
    expect(
      formatGithubAnnotation({
        file: "content/papers/2025-01-06/a,b.md",
        line: 4,
        field: "authors",
        rule: "schema/authors",
        message: "100% wrong: expected a list",
        fix: "one\nper line\r",
      }),
    ).toBe(
      "::error file=content/papers/2025-01-06/a%2Cb.md,line=4,title=authors%3A schema/authors::100%25 wrong: expected a list%0Afix: one%0Aper line<U+000D>",
    );
    expect(formatGithubAnnotation({ file: "content/papers/2025-13-01", line: 0, rule: "content/bad-day", message: "not a date" })).toBe(
      "::error file=content/papers/2025-13-01,title=content/bad-day::not a date",
    );
  });

  it("are printed by check only inside GitHub Actions", async () => {
    const root = await copyFixture("basic");
    await writeFiles(root, { "content/papers/2025-01-06/bad.md": paperFile({ authors: "authors: Chao Zhang", arxiv: 'arxiv: "2501.00002"' }) });
    const file = "content/papers/2025-01-06/bad.md";
    const inActions = await run(TSX, [CLI, "check", file], { cwd: root, env: { ...process.env, GITHUB_ACTIONS: "true" } }).catch(
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect("code" in inActions && inActions.code).toBe(1);
    expect(inActions.stdout).toBe(
      "::error file=content/papers/2025-01-06/bad.md,line=3,title=authors%3A schema/authors::expected a list of names, got a string%0Afix: write each author on its own line, e.g.%0A  authors:%0A    - Chao Zhang%0A    - Li Wang\n",
    );
    expect(inActions.stderr).toContain(`${file}:3: authors: expected a list of names, got a string`);
    expect(inActions.stderr).toContain("1 problem in 1 file.");
    const locally = await run(TSX, [CLI, "check", file], { cwd: root, env: { ...process.env, GITHUB_ACTIONS: "" } }).catch((e: { stdout: string }) => e);
    expect(locally.stdout).toBe("");
  });
});
