// Bulk `npm run new` with the real command line, against recorded arXiv and
// Hugging Face answers on 127.0.0.1: a day imported, checked and built, every
// paper on its day page and in every feed; what it prints and its exit codes;
// the configuration's filters and switch; Ctrl-C in the middle of a run.
// Each failure's exact message is tested in process (import.test.ts).
import { execFile, spawn } from "node:child_process";
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNew } from "../../scripts/commands/new-cli.ts";
import { compilePaper } from "../../scripts/content/compile-paper.ts";
import { listTree } from "../../scripts/util/list-tree.ts";
import { RECORDED, startArxivReplay, type ReplayServer } from "../support/arxiv-replay.ts";
import { HF_RECORDED, startHfReplay } from "../support/hf-replay.ts";
import { copyFixture, ROOT, THEME } from "../support/helpers.ts";

const execute = promisify(execFile);
const CLI = path.join(ROOT, "scripts", "cli.ts");
// As `npm run new` runs it: node with tsx's loader, so signals reach our process itself.
const NODE_ARGS = ["--import", import.meta.resolve("tsx"), CLI];

let arxiv: ReplayServer;
let hf: ReplayServer;
beforeAll(async () => {
  // No 503 here: the real command would wait arXiv's three seconds for real. The in-process tests cover it.
  arxiv = await startArxivReplay({ ...RECORDED, "2404.19756": [{ file: "2404.19756.xml" }] });
  hf = await startHfReplay();
});
afterAll(async () => {
  await arxiv.close();
  await hf.close();
});

type Outcome = { code: number; stdout: string; stderr: string };
const env = () => ({ ...process.env, SITE_URL: "", GITHUB_ACTIONS: "", PAPERBOY_ARXIV_API: arxiv.url, PAPERBOY_HF_API: hf.url });

async function cli(root: string, args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await execute(process.execPath, [...NODE_ARGS, ...args], { cwd: root, env: env() });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as Outcome;
    return { code, stdout, stderr };
  }
}

async function withImportBlock(root: string, block: string) {
  const file = path.join(root, "paperboy.config.yaml");
  await writeFile(file, `${await readFile(file, "utf8")}${block}`);
}

describe("a Hugging Face day, imported, checked and built", () => {
  it("writes each new paper, which check and build accept, on its day page and in every feed", async () => {
    const root = await copyFixture("basic");
    await cp(THEME, path.join(root, "templates"), { recursive: true });
    const added = await cli(root, ["new", "--hf-day", "2025-10-06"]);
    expect(added.stderr).toBe("");
    expect(added.code).toBe(0);
    const files = [
      "content/papers/2025-10-06/baq.md",
      "content/papers/2025-10-06/pruning-vision-transformers-without-retraining.md",
      "content/papers/2025-10-06/attention-is-all-you-need.md",
      "content/papers/2025-10-06/kan.md",
    ];
    expect(added.stdout.split("\n")).toEqual([
      "Hugging Face (2025-10-06): 5 papers.",
      "Skipped 2501.01230: already in the digest as content/papers/2025-01-06/attention-sinks.md",
      `Wrote ${files[0]}: arXiv 2510.04567v1, BAQ: Efficient Bit Allocation Quantization for Large Language Models`,
      `Wrote ${files[1]}: arXiv 2510.05123v2, Pruning Vision Transformers Without Retraining`,
      `Wrote ${files[2]}: arXiv 1706.03762v7, Attention Is All You Need`,
      `Wrote ${files[3]}: arXiv 2404.19756v5, KAN: Kolmogorov-Arnold Networks`,
      "4 written, 1 skipped, 0 failed.",
      "Next: read them through (the bodies are arXiv's abstracts; keep the tags that fit), run npm run check, and open a pull request.",
      "",
    ]);

    expect(await cli(root, ["check"])).toMatchObject({ code: 0, stdout: "All 10 papers are valid.\n" });
    expect((await cli(root, ["build"])).code).toBe(0);
    const read = (file: string) => readFile(path.join(root, "dist", file), "utf8");
    // The newest day is the home page; its own address leads there.
    expect(await read("days/2025-10-06/index.html")).toContain('<meta http-equiv="refresh" content="0; url=/digest/">');
    const day = await read("index.html");
    const feeds = await Promise.all(["feed.xml", "atom.xml", "feed.json"].map(read));
    for (const id of ["2510.04567", "2510.05123", "1706.03762", "2404.19756"]) {
      expect(day, id).toContain(`href="/digest/papers/${id}/"`);
      for (const feed of feeds) expect(feed, id).toContain(`https://example.org/digest/papers/${id}/`);
    }
  });
});

describe("what it prints and how it ends", () => {
  it("prints with --dry-run what it would write, and writes nothing", async () => {
    const root = await copyFixture("basic");
    const before = await listTree(path.join(root, "content"));
    const outcome = await cli(root, ["new", "2510.04567", "1706.03762", "--dry-run", "--day", "2025-10-06"]);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain("Would write content/papers/2025-10-06/baq.md: arXiv 2510.04567v1, BAQ");
    expect(outcome.stdout).toMatch(/\n2 would be written, 0 skipped, 0 failed\. Nothing was written \(--dry-run\)\.\n$/);
    expect(await listTree(path.join(root, "content"))).toEqual(before);
  });

  it("exits 1 only when nothing could be written, or with --strict on any failure", async () => {
    const root = await copyFixture("basic");
    // The replay knows no 2509.00001, and answers the whole batch HTTP 500.
    const none = await cli(root, ["new", "2509.99999", "2509.00001"]);
    expect(none.code).toBe(1);
    expect(none.stderr.split("\n")).toEqual([
      "Failed 2509.99999: arXiv answered HTTP 500 Internal Server Error for 2 papers",
      "Failed 2509.00001: arXiv answered HTTP 500 Internal Server Error for 2 papers",
      "",
    ]);
    expect(none.stdout).toBe("0 written, 0 skipped, 2 failed.\n");
    expect((await cli(root, ["new", "2509.99999", "1706.03762"])).code).toBe(0);
    expect((await cli(root, ["new", "2509.99999", "2510.04567", "--strict"])).code).toBe(1);
    // Everything already there is not a failure.
    expect(await cli(root, ["new", "1706.03762", "2510.04567"])).toMatchObject({ code: 0, stderr: "" });
  });

  it.each([
    [["--since", "2025-10-01"], "--since goes with --query, which is missing"],
    [["--hf-day", "2025-13-01"], "--hf-day 2025-13-01 is not a real calendar date; write it as YYYY-MM-DD, e.g. "],
    [["2510.04567", "1706.03762", "--slug", "x"], "--slug names one file, so it works with one paper only"],
    [["--query", "cat:cs.LG", "--max", "5000"], "--max 5000 is not a number from 1 to 1000"],
    [["2510.04567", "attention", "--dry-run"], '"attention" is not an arXiv id or link'],
    [["--hf-day", "2025-10-06", "--hf-api", "ftp://example.org/"], "the Hugging Face API address (--hf-api or PAPERBOY_HF_API) is not usable"],
  ])("refuses %j in one line, exit 1, before asking anyone", async (args, message) => {
    const root = await copyFixture("basic");
    const asked = arxiv.requests.length + hf.requests.length;
    const outcome = await cli(root, ["new", ...args]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr.split("\n")[0]).toContain(message);
    expect(outcome.stdout).toBe("");
    expect(arxiv.requests.length + hf.requests.length).toBe(asked);
  });

  it("explains an invalid import block as the other commands do, and writes nothing", async () => {
    const root = await copyFixture("basic");
    await withImportBlock(root, "import:\n  max_per_day: lots\n");
    const outcome = await cli(root, ["new", "--hf-day", "2025-10-06"]);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/^paperboy\.config\.yaml:\d+: import\.max_per_day: expected a whole number, got a string\n/);
    expect(outcome.stderr).toContain("paperboy.config.yaml has problems (above); fix them first. Nothing was written.");
  });
});

describe("the configuration's import block", () => {
  it("filters what a day brings, unless --no-filters", async () => {
    const root = await copyFixture("basic");
    await withImportBlock(root, "import:\n  categories: [cs.LG]\n  keywords: [quantization]\n");
    const filtered = await cli(root, ["new", "--hf-day", "2025-10-06", "--dry-run"]);
    expect(filtered.stdout).toContain("Skipped 2510.05123: arXiv files it under cs.CV, none of import.categories (cs.LG)");
    expect(filtered.stdout).toContain("1 would be written, 4 skipped, 0 failed.");
    expect((await cli(root, ["new", "--hf-day", "2025-10-06", "--dry-run", "--no-filters"])).stdout).toContain("4 would be written, 1 skipped, 0 failed.");
  });

  it("runs the scheduled import only when the configuration turns it on", async () => {
    const root = await copyFixture("basic");
    const before = await listTree(path.join(root, "content"));
    expect(await cli(root, ["new", "--scheduled", "2025-10-06"])).toMatchObject({
      code: 0,
      stdout: "The scheduled import is off: set import.scheduled: true in paperboy.config.yaml to turn it on. Nothing was written.\n",
    });
    expect(await listTree(path.join(root, "content"))).toEqual(before);
    await withImportBlock(root, "import:\n  scheduled: true\n  max_per_day: 2\n");
    const on = await cli(root, ["new", "--scheduled", "2025-10-06"]);
    expect(on.code).toBe(0);
    expect(on.stdout).toContain("2 written, 3 skipped, 0 failed.");
  });

  it("searches arXiv when that is the scheduled source: the categories, three days back to allow for arXiv's announcement delay", async () => {
    const root = await copyFixture("basic");
    await withImportBlock(root, "import:\n  scheduled: true\n  source: arxiv\n  categories: [cs.LG, astro-ph]\n");
    const query = "(cat:cs.LG OR cat:astro-ph OR cat:astro-ph.*) AND submittedDate:[202510030000 TO 202510072359]";
    const server = await startArxivReplay(RECORDED, { [query]: { ids: ["2510.04567", "2404.19756"] } });
    try {
      const out: string[] = [];
      const code = await runNew(["--scheduled", "2025-10-06"], {
        root,
        env: { PAPERBOY_ARXIV_API: server.url },
        today: "2025-10-07",
        out: (l) => out.push(l),
        err: (l) => out.push(l),
        report: () => {},
      });
      expect(server.requests[0]).toBe(`search:${query}@0+100`);
      expect(out).toContain("Wrote content/papers/2025-10-06/baq.md: arXiv 2510.04567v1, BAQ: Efficient Bit Allocation Quantization for Large Language Models");
      expect(code).toBe(0);
    } finally {
      await server.close();
    }
  });

  it("skips the ids a file lists, as the workflow does with those proposed before", async () => {
    const root = await copyFixture("basic");
    await writeFile(path.join(root, "skip.txt"), "<!-- paperboy-suggested: 2510.04567v1 hep-th/9711200 -->\n1706.03762\n");
    const outcome = await cli(root, ["new", "--hf-day", "2025-10-06", "--skip-ids", "skip.txt", "--dry-run"]);
    expect(outcome.stdout).toContain("Skipped 2510.04567: listed among the ids to skip");
    expect(outcome.stdout).toContain("Skipped 1706.03762: listed among the ids to skip");
    expect(outcome.stdout).toContain("2 would be written, 3 skipped, 0 failed.");
  });
});

describe("Ctrl-C in the middle of a run", () => {
  it("stops, exits 130, and leaves only whole files", async () => {
    const slow = await startHfReplay({ ...HF_RECORDED, "2025-10-06": [{ file: "2025-10-06.json", delayMs: 60_000 }] });
    try {
      const root = await copyFixture("basic");
      // The typed id is written first; Hugging Face's answer is then held back until the signal comes.
      const child = spawn(process.execPath, [...NODE_ARGS, "new", "2510.04567", "--hf-day", "2025-10-06", "--day", "2025-10-07"], {
        cwd: root,
        env: { ...env(), PAPERBOY_HF_API: slow.url },
      });
      let stdout = "";
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
      const code = await new Promise<number | null>((resolve) => {
        child.stdout.on("data", (chunk: Buffer) => {
          stdout += chunk;
          if (stdout.includes("Wrote ")) setTimeout(() => child.kill("SIGINT"), 200);
        });
        child.on("exit", (exitCode) => resolve(exitCode));
      });
      expect(stderr).toBe("");
      expect(code).toBe(130);
      expect(stdout).toMatch(/\nInterrupted: 1 written, 0 skipped, 0 failed before the stop; every file written is whole\.\n$/);
      const added = (await listTree(path.join(root, "content"))).filter((f) => f.startsWith("papers/2025-10-0"));
      expect(added).toEqual(["papers/2025-10-07/baq.md"]);
      const file = "content/papers/2025-10-07/baq.md";
      expect(compilePaper({ path: file, text: await readFile(path.join(root, file), "utf8"), day: "2025-10-07", slug: "baq" }).diagnostics).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});
