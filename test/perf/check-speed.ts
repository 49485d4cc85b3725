// How long `check` takes on a digest of N papers (default 1,000). Not a test:
// timings depend on the machine, so nothing asserts them. Run it with
//   npx tsx test/perf/check-speed.ts [--papers 1000]
// It copies the sample papers into a temporary digest (unique ids, ten papers
// a day), then times the check in process and as a fresh command, for the
// whole digest and for one named file, each the median of several runs.
import { execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { checkContent } from "../../scripts/commands/check.ts";
import { addDays } from "../../scripts/util/dates.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const { values } = parseArgs({ options: { papers: { type: "string", default: "1000" }, runs: { type: "string", default: "5" } } });
const count = Number(values.papers);
const runs = Number(values.runs);

const site = await mkdtemp(path.join(tmpdir(), "paperboy-check-speed-"));
try {
  const sampleDir = path.join(ROOT, "content", "papers", "2025-10-06");
  const samples = await Promise.all((await readdir(sampleDir)).sort().map((f) => readFile(path.join(sampleDir, f), "utf8")));
  await cp(path.join(ROOT, "paperboy.config.yaml"), path.join(site, "paperboy.config.yaml"));
  let named = "";
  for (let i = 0; i < count; i++) {
    const day = addDays("2024-01-01", Math.floor(i / 10));
    const file = `content/papers/${day}/paper-${i}.md`;
    // A unique new-style id per paper, so the duplicate check has real work and finds nothing.
    const text = samples[i % samples.length]!.replace(/^arxiv: .*$/m, `arxiv: "24${String(Math.floor(i / 90000) + 1).padStart(2, "0")}.${String(10000 + (i % 90000))}"`);
    await mkdir(path.dirname(path.join(site, file)), { recursive: true });
    await writeFile(path.join(site, file), text);
    named ||= file;
  }

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
  if (all.diagnostics.length > 0 || all.checked !== count) throw new Error(`the generated digest should be valid: ${all.diagnostics.length} problems, ${all.checked} papers`);
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
