// `npm run build`: the build, with its progress on the way and its counts at
// the end; every problem in the content is printed, and dist/ is left as it was.
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { PAGES_LIMIT_BYTES, sizeWarning } from "../output/size-report.ts";
import { defineCommand, EXIT, UsageError } from "./command-line.ts";
import { progressReporter, wantsPlainProgress } from "./progress.ts";
import { printProblems } from "./print-problems.ts";
import { waitingFor } from "./waiting.ts";

/** `npm run build`. */
export const buildCommand = defineCommand({
  name: "build",
  summary: "validate all content, then build the site into dist/",
  options: {
    drafts: { type: "boolean", help: "include papers marked draft: true" },
    out: { type: "string", value: "<dir>", help: "write the site to <dir> instead of dist/ (a new or empty folder, or an earlier build)" },
    "no-cache": { type: "boolean", help: "a clean build: ignore the compile cache and the record of written files" },
    stats: { type: "boolean", help: "print timings, cache use and peak memory as JSON on stderr (for npm run bench)" },
    "check-size": { type: "boolean", help: "fail when the site is larger than GitHub Pages publishes (1 GB), as the deploy workflow does" },
  },
  details: "A build with problems prints every one with its file and line, and leaves dist/ as it was.",
  examples: ["npm run build", "npm run build -- --drafts --out /tmp/paperboy-drafts"],
  async run({ options, root, env, io }) {
    const outDir = path.resolve(root, options.out ?? "dist");
    const shown = `${path.relative(root, outDir) || "."}/`;
    if (options.out !== undefined) {
      const refused = await refuseOutDir(root, outDir);
      if (refused) throw new UsageError(`--out ${options.out} ${refused}`);
    }
    const started = performance.now();
    const kept = `${shown} was left as it was.`;
    const [{ build }, { WriteError }, { exposeCollector }] = await Promise.all([import("./build.ts"), import("../output/write.ts"), import("../util/gc.ts")]);
    const progress = progressReporter({ stream: io.status, plain: wantsPlainProgress(env, io.status) });
    const collectGarbage = exposeCollector();
    let result: Awaited<ReturnType<typeof build>>;
    try {
      result = await build({
        root,
        env,
        outDir,
        drafts: options.drafts ?? false,
        fresh: options["no-cache"] ?? false,
        onProgress: progress.update,
        onLockWait: waitingFor(io, root),
        ...(collectGarbage ? { collectGarbage } : {}),
      });
    } catch (error) {
      progress.finish();
      // A full disk or a read-only folder is the machine's problem, not a bug to report.
      if (!(error instanceof WriteError)) throw error;
      io.err(`${error.message}\n${kept}`);
      return EXIT.problems;
    }
    progress.finish();
    for (const notice of result.notices) io.err(`note: ${notice}`);
    if (options.stats)
      io.err(
        JSON.stringify({
          ...result.stats,
          report: result.report && { ...result.report, written: result.report.written.length, removed: result.report.removed.length },
          maxRssKb: process.resourceUsage().maxRSS,
        }),
      );
    if (result.diagnostics.length > 0) {
      printProblems(result.diagnostics, env, io, kept);
      return EXIT.problems;
    }
    const { report, counts, size } = result;
    const ms = Math.round(performance.now() - started);
    const { papers, days } = counts!;
    io.out(
      `Built ${papers} ${papers === 1 ? "paper" : "papers"} on ${days} ${days === 1 ? "day" : "days"}: ${report!.written.length} files written, ${report!.unchanged} unchanged, ${report!.removed.length} removed, in ${ms} ms.`,
    );
    // The limit can be set lower for another host, or for a test (PAPERBOY_SIZE_LIMIT, in bytes).
    const limit = Number(env.PAPERBOY_SIZE_LIMIT) > 0 ? Number(env.PAPERBOY_SIZE_LIMIT) : PAGES_LIMIT_BYTES;
    const warning = size && sizeWarning(size, limit);
    if (warning && options["check-size"] && size.bytes > limit) {
      io.err(`${shown} is too large to publish: ${warning}.`);
      return EXIT.problems;
    }
    if (warning) io.err(`warning: ${warning}.`);
    return EXIT.ok;
  },
});

/** The folders of a project that are its own or the generator's: never an output folder. */
const PROJECT_FOLDERS = new Set(["content", "templates", "scripts", "test", "docs", ".github", ".ci", ".git", "node_modules", ".cache"]);

/** Whether `child` is `parent` or inside it. */
function within(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

/**
 * Why `outDir` must not take the site, if it must not. The build makes its
 * output folder hold exactly the site, removing anything else there, so
 * `--out content` or `--out .` would delete the digest itself.
 */
async function refuseOutDir(root: string, outDir: string): Promise<string | undefined> {
  if (within(outDir, root)) return "would replace the whole project with the site; choose a folder of its own, e.g. --out dist";
  const top = path.relative(root, outDir).split(path.sep)[0]!;
  if (within(root, outDir) && PROJECT_FOLDERS.has(top)) {
    return `is inside ${top}/, which holds the project's own files, and the build would delete them; choose a folder of its own, e.g. --out dist`;
  }
  const info = await stat(outDir).catch(() => undefined);
  if (!info) return undefined;
  if (!info.isDirectory()) return "is a file, not a folder";
  const entries = await readdir(outDir);
  if (entries.length > 0 && !entries.includes("index.html")) {
    return "already holds files that are not a site Paperboy built (it has no index.html), and the build would delete them; choose a new or empty folder";
  }
  return undefined;
}
