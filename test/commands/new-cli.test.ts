// The contributor's flow end to end, with the real command line: `new` against
// recorded arXiv responses writes a file that `check` and `build` accept, and
// the paper appears on its day page, its own page and in every feed. Failures
// print one line (plus the way forward), exit non-zero and write nothing; each
// failure's exact message is tested in process (new-paper.test.ts), where it is fast.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listTree } from "../../scripts/util/list-tree.ts";
import { startArxivReplay, type ReplayServer } from "../support/arxiv-replay.ts";
import { copyFixture, ROOT } from "../support/helpers.ts";

const execute = promisify(execFile);
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const CLI = path.join(ROOT, "scripts", "cli.ts");

let replay: ReplayServer;
beforeAll(async () => {
  replay = await startArxivReplay();
});
afterAll(() => replay.close());

type Outcome = { code: number; stdout: string; stderr: string };

async function cli(root: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  const options = { cwd: root, env: { ...process.env, SITE_URL: "", GITHUB_ACTIONS: "", PAPERBOY_ARXIV_API: replay.url, ...env } };
  try {
    const { stdout, stderr } = await execute(TSX, [CLI, ...args], options);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as Outcome;
    return { code, stdout, stderr };
  }
}

describe("npm run new, then check and build", () => {
  it("adds a paper that check and build accept, on its day page, its own page and in the feeds", async () => {
    const root = await copyFixture("basic");

    const added = await cli(root, ["new", "https://arxiv.org/abs/1706.03762", "--day", "2025-01-14"]);
    const file = "content/papers/2025-01-14/attention-is-all-you-need.md";
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    expect(added.stdout).toBe(
      [
        `Wrote ${file}`,
        "  arXiv 1706.03762v7: Attention Is All You Need (8 authors)",
        "  Tags suggested from arXiv's categories (cs.CL, cs.LG): nlp, machine-learning",
        "  arXiv's comment: 15 pages, 5 figures",
        "Next: read it through (the body is arXiv's abstract: a summary in your own words is welcome; keep the",
        "tags that fit the digest), then run",
        `  npm run check ${file}`,
        "and open a pull request with the file.",
        "",
      ].join("\n"),
    );

    expect(await cli(root, ["check", file])).toMatchObject({ code: 0, stdout: "The paper is valid.\n" });
    expect(await cli(root, ["check"])).toMatchObject({ code: 0, stdout: "All 7 papers are valid.\n" });
    const built = await cli(root, ["build"]);
    expect(built.code).toBe(0);

    const dist = path.join(root, "dist");
    const read = (f: string) => readFile(path.join(dist, f), "utf8");
    // The newest day is the home page; its own address leads there.
    expect(await read("days/2025-01-14/index.html")).toContain('<meta http-equiv="refresh" content="0; url=/digest/">');
    const day = await read("index.html");
    expect(day).toContain('href="/digest/papers/1706.03762/"');
    expect(day).toContain("Attention Is All You Need");
    expect(await read("index.html")).toContain("Attention Is All You Need");
    const page = await read("papers/1706.03762/index.html");
    expect(page).toContain("Ashish Vaswani");
    expect(page).toContain("28.4 BLEU on the WMT 2014 English-to-German translation task");
    expect(page).toContain('href="https://arxiv.org/pdf/1706.03762"');
    for (const feed of ["feed.xml", "atom.xml", "feed.json"]) {
      const text = await read(feed);
      expect(text, feed).toContain("https://example.org/digest/papers/1706.03762/");
      expect(text, feed).toContain("Attention Is All You Need");
    }
  });

  it("writes a template with --manual that check refuses until it is filled in", async () => {
    const root = await copyFixture("basic");
    const added = await cli(root, ["new", "--manual", "--slug", "by-hand", "--day", "2025-01-14"]);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain("Wrote content/papers/2025-01-14/by-hand.md, a template to fill in by hand.");
    const checked = await cli(root, ["check", "content/papers/2025-01-14/by-hand.md"]);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain("content/papers/2025-01-14/by-hand.md:10: title: is missing; every paper needs a title");
    expect(checked.stderr).toContain("4 problems in 1 file.");
  });
});

describe("npm run new, failing", () => {
  it.each([
    ["an id arXiv does not know", ["2509.99999"], "arXiv has no paper 2509.99999; check the id on https://arxiv.org/abs/2509.99999. Nothing was written."],
    [
      "text that is no id",
      ["attention"],
      '"attention" is not an arXiv id or link (expected e.g. 2510.04567, arXiv:2510.04567, https://arxiv.org/abs/2510.04567 or hep-th/9901001)',
    ],
    ["a mistyped option", ["1706.03762", "--dya", "2025-01-06"], "new has no option --dya; did you mean --day?", 2],
  ])("explains %s, exits non-zero and writes nothing", async (_name, args, message, code = 1) => {
    const root = await copyFixture("basic");
    const before = await listTree(path.join(root, "content"));
    const outcome = await cli(root, ["new", ...args]);
    expect(outcome.code).toBe(code);
    expect(outcome.stderr.split("\n")[0]).toContain(message);
    expect(outcome.stdout).toBe("");
    expect(await listTree(path.join(root, "content"))).toEqual(before);
  });

  it("explains an unreachable arXiv and offers the template", async () => {
    const root = await copyFixture("basic");
    const before = await listTree(path.join(root, "content"));
    const closed = await startArxivReplay({});
    await closed.close();
    const outcome = await cli(root, ["new", "1706.03762"], { PAPERBOY_ARXIV_API: closed.url });
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(
      /^could not reach arXiv at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\. Nothing was written\.\n {2}to fill in the paper by hand instead: npm run new -- 1706\.03762 --manual\n$/,
    );
    expect(await listTree(path.join(root, "content"))).toEqual(before);
  });
});
