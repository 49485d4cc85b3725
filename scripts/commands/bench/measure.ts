// Runs a command as a fresh process and reports its wall time and peak
// resident memory. The memory figure comes from getrusage(RUSAGE_CHILDREN),
// read by a tiny Python wrapper (Node cannot read it for its children), so it
// is the kernel's exact peak, worker threads included, not a sampled estimate.
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** One timed run. */
export interface Measurement {
  seconds: number;
  /** Peak resident set size in MiB; undefined when python3 is unavailable. */
  maxRssMiB?: number;
  code: number;
  stdout: string;
  stderr: string;
}

const WRAPPER = `
import json, resource, subprocess, sys, time
out, err = open(sys.argv[1], "wb"), open(sys.argv[2], "wb")
start = time.perf_counter()
code = subprocess.run(sys.argv[3:], stdout=out, stderr=err).returncode
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "code": code}))
`;

function hasPython(): boolean {
  return spawnSync("python3", ["-c", "import resource"], { stdio: "ignore" }).status === 0;
}

/** Runs `cmd args` in `cwd` and measures it. */
export async function measure(cmd: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Measurement> {
  const dir = await mkdtemp(path.join(tmpdir(), "paperboy-measure-"));
  const [outFile, errFile] = [path.join(dir, "out"), path.join(dir, "err")];
  try {
    if (hasPython()) {
      const { stdout: report } = await run("python3", ["-c", WRAPPER, outFile, errFile, cmd, ...args], options);
      const parsed = JSON.parse(report) as { seconds: number; maxrss_kb: number; code: number };
      return {
        seconds: parsed.seconds,
        maxRssMiB: parsed.maxrss_kb / 1024,
        code: parsed.code,
        stdout: await readFile(outFile, "utf8"),
        stderr: await readFile(errFile, "utf8"),
      };
    }
    const started = performance.now();
    const { stdout, stderr } = await run(cmd, args, options);
    return { seconds: (performance.now() - started) / 1000, code: 0, stdout, stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve({ stdout, stderr }) : reject(Object.assign(new Error(`${cmd} exited with ${code}: ${stderr.slice(-2000)}`), { code })),
    );
  });
}

/** The median of some numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
