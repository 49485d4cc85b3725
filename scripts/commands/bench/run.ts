// `npm run bench [-- --papers N --runs R --compare]` (bench-command.ts): builds a deterministic
// synthetic digest (never in content/) and measures Paperboy's build in each
// situation a maintainer meets, each as a fresh process, as the median of
// several runs: cold, warm, one paper edited, one paper added, one template
// edited; then the dev server's rebuild after an edit. With --compare, the
// same corpus goes through Hugo and Eleventy peer sites (scripts/commands/bench/peers.ts).
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { THEME_DIR } from "../../render/templates.ts";
import { PAPERBOY_ROOT } from "../../util/source-root.ts";
import { startDevServer } from "../dev.ts";
import { CORPUS_END_DAY, writeCorpus } from "./corpus.ts";
import { measure, median, type Measurement } from "./measure.ts";

const REPO = PAPERBOY_ROOT;
/** What `npm run build` runs: the launcher, which runs the compiled generator. */
const LAUNCHER = path.join(REPO, "scripts", "launch.mjs");

/** One row of the results table. */
export interface Row {
  scenario: string;
  seconds: number;
  /** Milliseconds per HTML page of the site. */
  msPerPage: number;
  maxRssMiB?: number;
  filesWritten?: number;
}

/** What to measure: corpus size, runs per scenario, and which extra measurements. */
export interface BenchOptions {
  papers: number;
  runs: number;
  compare: boolean;
  dev: boolean;
  keep: boolean;
}

async function treeStats(dir: string): Promise<{ files: number; pages: number; bytes: number }> {
  let files = 0;
  let pages = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    if (entry.name.endsWith(".html")) pages++;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { files, pages, bytes };
}

function build(site: string): Promise<Measurement> {
  // Exactly what `npm run build` runs (node scripts/launch.mjs build), without npm's own start-up.
  return measure(process.execPath, [LAUNCHER, "build", "--stats"], { cwd: site, env: { ...process.env, SITE_URL: "" } });
}

function writtenBy(run: Measurement): number | undefined {
  const match = /: (\d+) files written/.exec(run.stdout);
  return match ? Number(match[1]) : undefined;
}

async function editPaper(site: string, run: number): Promise<void> {
  const day = path.join(site, "content", "papers", CORPUS_END_DAY);
  const file = path.join(day, (await readdir(day)).sort()[0]!);
  const text = await readFile(file, "utf8");
  await writeFile(file, `${text.trimEnd()}\n\nEdited for benchmark run ${run}.\n`);
}

async function addPaper(site: string, run: number): Promise<void> {
  const file = path.join(site, "content", "papers", CORPUS_END_DAY, `benchmark-added-${run}.md`);
  await writeFile(
    file,
    `---\ntitle: "A Paper Added in Benchmark Run ${run}"\nauthors:\n  - Ada Lovelace\n  - Łukasz Kaiser\nurl: https://example.org/added/${run}\ntags:\n  - llm\n---\nA new paper with $O(n \\log n)$ cost and a [link](https://example.org/${run}).\n`,
  );
}

/** Overrides one of the theme's partials in the site's own templates/, as a maintainer restyling the site would. */
async function editTemplate(site: string, run: number): Promise<void> {
  const file = path.join(site, "templates", "partials", "site-footer.hbs");
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${(await readFile(path.join(THEME_DIR, "partials", "site-footer.hbs"), "utf8")).trimEnd()}\n<!-- benchmark run ${run} -->\n`);
}

async function measureDevRebuild(site: string, runs: number): Promise<number[]> {
  const rebuilds: number[] = [];
  let resolveNext: ((ms: number) => void) | undefined;
  const server = await startDevServer({
    root: site,
    port: 0,
    debounceMs: 10,
    log: (line) => {
      const match = /^Rebuilt in (\d+) ms/.exec(line);
      if (match && resolveNext) resolveNext(Number(match[1]));
    },
  });
  try {
    for (let run = 1; run <= runs; run++) {
      const next = new Promise<number>((resolve) => (resolveNext = resolve));
      await editPaper(site, 1000 + run);
      rebuilds.push(await next);
    }
  } finally {
    await server.close();
  }
  return rebuilds;
}

function summarise(scenario: string, runs: Measurement[], pages: number): Row {
  const seconds = median(runs.map((r) => r.seconds));
  const rss = runs.map((r) => r.maxRssMiB).filter((v): v is number => v !== undefined);
  const written = runs.map(writtenBy).filter((v): v is number => v !== undefined);
  return {
    scenario,
    seconds,
    msPerPage: (seconds * 1000) / Math.max(1, pages),
    ...(rss.length ? { maxRssMiB: Math.max(...rss) } : {}),
    ...(written.length ? { filesWritten: median(written) } : {}),
  };
}

function check(run: Measurement, what: string): Measurement {
  if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code}):\n${run.stderr.slice(-3000)}`);
  return run;
}

/** Runs the benchmark and returns the table rows (also printed). */
export async function runBenchmark(options: BenchOptions, print: (line: string) => void = console.log): Promise<Row[]> {
  const work = await mkdtemp(path.join(tmpdir(), `paperboy-bench-${options.papers}-`));
  const site = path.join(work, "site");
  print(`Generating ${options.papers.toLocaleString("en")} papers in ${site} …`);
  await writeCorpus(site, options.papers);

  const runs: Record<string, Measurement[]> = { cold: [], warm: [], edit: [], add: [], template: [] };
  let output = { files: 0, pages: 0, bytes: 0 };
  try {
    for (let run = 1; run <= options.runs; run++) {
      print(`Run ${run} of ${options.runs} …`);
      await rm(path.join(site, "dist"), { recursive: true, force: true });
      await rm(path.join(site, ".cache"), { recursive: true, force: true });
      runs.cold!.push(check(await build(site), "cold build"));
      if (run === 1) output = await treeStats(path.join(site, "dist"));
      runs.warm!.push(check(await build(site), "warm build"));
      await editPaper(site, run);
      runs.edit!.push(check(await build(site), "build after an edit"));
      await addPaper(site, run);
      runs.add!.push(check(await build(site), "build after an addition"));
      await editTemplate(site, run);
      runs.template!.push(check(await build(site), "build after a template edit"));
    }
    const rows: Row[] = [
      summarise("Cold build (no cache, empty output)", runs.cold!, output.pages),
      summarise("Warm rebuild, nothing changed", runs.warm!, output.pages),
      summarise("One paper edited", runs.edit!, output.pages),
      summarise("One paper added", runs.add!, output.pages),
      summarise("One template edited", runs.template!, output.pages),
    ];
    if (options.dev) {
      const rebuilds = await measureDevRebuild(site, Math.max(3, options.runs));
      rows.push({
        scenario: "Dev server: one paper edited (in-process rebuild)",
        seconds: median(rebuilds) / 1000,
        msPerPage: median(rebuilds) / Math.max(1, output.pages),
      });
    }

    print("");
    print(
      `Paperboy, ${options.papers.toLocaleString("en")} papers, median of ${options.runs} run(s), ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "unknown CPU"}), load average ${loadavg()[0]!.toFixed(2)} at the end`,
    );
    print(
      `Output: ${output.files.toLocaleString("en")} files (${output.pages.toLocaleString("en")} HTML pages), ${(output.bytes / 1024 / 1024).toFixed(1)} MiB`,
    );
    print("");
    print("| Scenario | Wall time | Per page | Peak RSS | Files written |");
    print("|---|---:|---:|---:|---:|");
    for (const row of rows) {
      print(
        `| ${row.scenario} | ${row.seconds.toFixed(2)} s | ${row.msPerPage.toFixed(3)} ms | ${row.maxRssMiB === undefined ? "n/a" : `${Math.round(row.maxRssMiB)} MiB`} | ${row.filesWritten ?? "n/a"} |`,
      );
    }

    if (options.compare) await compare(site, work, options, rows[0]!, print);
    return rows;
  } finally {
    if (options.keep) print(`\nKept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

async function compare(site: string, work: string, options: BenchOptions, paperboyCold: Row, print: (line: string) => void): Promise<void> {
  const { peers } = await import("./peers.ts");
  print("");
  print(`| Generator | Cold build | Peak RSS | Files | Paperboy's cold build vs this |`);
  print("|---|---:|---:|---:|---:|");
  print(
    `| Paperboy | ${paperboyCold.seconds.toFixed(2)} s | ${paperboyCold.maxRssMiB === undefined ? "n/a" : `${Math.round(paperboyCold.maxRssMiB)} MiB`} | | 1.00× |`,
  );
  for (const peer of peers) {
    if (!(await peer.available())) {
      print(`| ${peer.name} | not installed | | | |`);
      continue;
    }
    const peerDir = path.join(work, peer.name.toLowerCase());
    await peer.prepare(site, peerDir);
    const times: Measurement[] = [];
    for (let run = 1; run <= options.runs; run++) {
      await peer.clean(peerDir);
      const { cmd, args, cwd, env } = peer.command(peerDir);
      times.push(check(await measure(cmd, args, { cwd, ...(env ? { env } : {}) }), `${peer.name} build`));
    }
    const seconds = median(times.map((t) => t.seconds));
    const rss = Math.max(...times.map((t) => t.maxRssMiB ?? 0));
    const files = await treeStats(peer.outputDir(peerDir));
    print(
      `| ${peer.name} ${await peer.version()} | ${seconds.toFixed(2)} s | ${rss ? `${Math.round(rss)} MiB` : "n/a"} | ${files.files.toLocaleString("en")} | ${(paperboyCold.seconds / seconds).toFixed(2)}× |`,
    );
  }
}
