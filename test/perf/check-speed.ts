// How long `check` takes on a digest of N papers (default 1,000). Not a test:
// timings depend on the machine, so nothing asserts them. Run it with
//   npx tsx test/perf/check-speed.ts [--papers 1000]
// It writes the benchmark's synthetic digest into a temporary folder, then
// times the check in process and as a fresh command, for the whole digest and
// for one named file, each the median of several runs.
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { checkContent } from "../../scripts/commands/check.ts";
import { writeCorpus } from "../../scripts/commands/bench/corpus.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const { values } = parseArgs({ options: { papers: { type: "string", default: "1000" }, runs: { type: "string", default: "5" } } });
const count = Number(values.papers);
const runs = Number(values.runs);

const site = await mkdtemp(path.join(tmpdir(), "paperboy-check-speed-"));
try {
  // The benchmark's synthetic corpus (never the repository's own content/, which is the site's).
  const files = await writeCorpus(site, count);
  const named = files[0]!.path;

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  // Wall time, and for work done in this process also CPU time, which other load on the machine barely changes.
  const time = async (job: () => Promise<unknown> | unknown): Promise<[number, number | undefined]> => {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const used = process.cpuUsage();
      await job();
      const { user, system } = process.cpuUsage(used);
      wall.push(performance.now() - start);
      cpu.push((user + system) / 1000);
    }
    return [Math.round(median(wall)), Math.round(median(cpu))];
  };

  const all = await checkContent(site, [], {});
  if (all.diagnostics.length > 0 || all.checked !== count)
    throw new Error(`the generated digest should be valid: ${all.diagnostics.length} problems, ${all.checked} papers`);
  const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
  const cli = path.join(ROOT, "scripts", "cli.ts");
  const command = (args: string[]) => () => execFileSync(tsx, [cli, ...args], { cwd: site, stdio: "ignore" });
  const rows: [string, [number, number | undefined]][] = [
    [`check, all ${count} papers, in process`, await time(() => checkContent(site, [], {}))],
    [`check one named file, in process`, await time(() => checkContent(site, [named], {}))],
    [`npm run check (fresh process)`, await time(command(["check"]))],
    [`npm run check <one file> (fresh process)`, await time(command(["check", named]))],
    [`node startup + imports only (fresh process)`, await time(command(["help"]))],
  ];
  console.log(`check on ${count} papers, median of ${runs} runs (load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores):`);
  console.log(`  ${"".padEnd(48)} ${"wall".padStart(9)} ${"CPU".padStart(9)}`);
  for (const [name, [wall, cpu]] of rows) {
    // A child process's CPU time is not this process's; only in-process rows have one.
    const cpuText = name.includes("in process") ? `${cpu} ms` : "";
    console.log(`  ${name.padEnd(48)} ${`${wall} ms`.padStart(9)} ${cpuText.padStart(9)}`);
  }
} finally {
  await rm(site, { recursive: true, force: true });
}
