// Command line → the build's stages. A thin shell: parse arguments, call the
// stage functions, print diagnostics, set the exit code.
import path from "node:path";
import { parseArgs } from "node:util";
import type { BuildResult } from "./commands/build.ts";
import { formatDiagnostic, formatGithubAnnotation, summarise } from "./diagnostics/format.ts";
import type { Diagnostic } from "./types.ts";
import { describeHolder, type LockHolder } from "./util/process-lock.ts";

// Each command loads only the modules it uses (below, with import()): the
// Markdown and math stack alone takes about a second to load, and a build
// whose papers are all in the render cache never needs it.

const USAGE = `Usage: paperboy <command> [options]

Commands:
  build     build the site into dist/ (--drafts to include drafts, --out <dir>,
            --no-cache for a clean build that ignores the render cache)
  check     validate all content, or only the files named (check <file>…), without building
  new       add a paper from arXiv: new <id-or-link> [--day YYYY-MM-DD] [--slug <name>]
            [--manual] [--api <url>]; --manual writes a template to fill in by hand
  preview   serve dist/ on 127.0.0.1 under the site's base path (--port <n>)
  dev       build with drafts, serve, watch and live-reload (--port <n>)
`;

/** The one line printed when another build holds the cache and this command waits for it. */
function waitingFor(holder: LockHolder, file: string): void {
  console.error(`Waiting for another Paperboy build (${describeHolder(holder)}) to finish; it holds ${path.relative(process.cwd(), file)}.`);
}

function report(diagnostics: readonly Diagnostic[], env: NodeJS.ProcessEnv): void {
  for (const d of diagnostics) console.error(formatDiagnostic(d));
  if (env.GITHUB_ACTIONS === "true") for (const d of diagnostics) console.log(formatGithubAnnotation(d));
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const root = process.cwd();
  switch (command) {
    case "build": {
      const { values } = parseArgs({ args: rest, options: { drafts: { type: "boolean" }, out: { type: "string" }, "no-cache": { type: "boolean" }, stats: { type: "boolean" } } });
      const started = performance.now();
      const kept = `${path.relative(root, path.resolve(root, values.out ?? "dist")) || "."}/ was left as it was.`;
      let result: BuildResult;
      try {
        const { build } = await import("./commands/build.ts");
        result = await build({ root, drafts: values.drafts ?? false, fresh: values["no-cache"] ?? false, onLockWait: waitingFor, ...(values.out ? { outDir: values.out } : {}) });
      } catch (error) {
        // A full disk or a read-only folder is the machine's problem, not a bug to report.
        const { WriteError } = await import("./output/write.ts");
        if (!(error instanceof WriteError)) throw error;
        console.error(`${error.message}\n${kept}`);
        return 1;
      }
      if (result.notice) console.error(`note: ${result.notice}`);
      if (values.stats) console.error(JSON.stringify({ ...result.stats, report: result.report && { ...result.report, written: result.report.written.length, removed: result.report.removed.length }, maxRssKb: process.resourceUsage().maxRSS }));
      if (result.diagnostics.length > 0) {
        report(result.diagnostics, process.env);
        console.error(`\n${summarise(result.diagnostics)} ${kept}`);
        return 1;
      }
      const { report: written, counts } = result;
      const ms = Math.round(performance.now() - started);
      const { papers, days } = counts!;
      console.log(`Built ${papers} ${papers === 1 ? "paper" : "papers"} on ${days} ${days === 1 ? "day" : "days"}: ${written!.written.length} files written, ${written!.unchanged} unchanged, ${written!.removed.length} removed, in ${ms} ms.`);
      return 0;
    }
    case "check": {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true, options: {} });
      const { checkContent } = await import("./commands/check.ts");
      const { diagnostics, checked } = await checkContent(root, positionals, process.env, { onLockWait: waitingFor });
      if (diagnostics.length > 0) {
        report(diagnostics, process.env);
        console.error(`\n${summarise(diagnostics)}`);
        return 1;
      }
      console.log(positionals.length === 0 ? `All ${checked} papers are valid.` : checked === 1 ? "The paper is valid." : `All ${checked} papers named are valid.`);
      return 0;
    }
    case "new": {
      // Loaded on demand: only this command needs arXiv's client and its XML parser.
      const { createPaper, describeNewPaper, NewPaperError } = await import("./commands/new.ts");
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { day: { type: "string" }, slug: { type: "string" }, manual: { type: "boolean" }, api: { type: "string" } },
      });
      if (positionals.length > 1) {
        console.error(`Add one paper at a time; got ${positionals.length}: ${positionals.join(" ")}`);
        return 1;
      }
      try {
        const result = await createPaper({
          root,
          today: (await import("./util/dates.ts")).todayUtc(),
          ...(positionals[0] !== undefined ? { input: positionals[0] } : {}),
          ...(values.day !== undefined ? { day: values.day } : {}),
          ...(values.slug !== undefined ? { slug: values.slug } : {}),
          manual: values.manual ?? false,
          arxiv: { apiUrl: values.api ?? (process.env.PAPERBOY_ARXIV_API || undefined) },
        });
        console.log(describeNewPaper(result));
        if (result.entry && result.problems.length > 0) {
          report(result.problems, process.env);
          return 1;
        }
        return 0;
      } catch (error) {
        if (!(error instanceof NewPaperError)) throw error;
        console.error(error.message);
        if (error.hint) console.error(`  ${error.hint}`);
        return 1;
      }
    }
    case "preview": {
      const { values } = parseArgs({ args: rest, options: { port: { type: "string" }, out: { type: "string" } } });
      const { loadConfig } = await import("./content/config.ts");
      const { serveSite } = await import("./output/serve.ts");
      const configResult = await loadConfig(root);
      if (!configResult.config) {
        report(configResult.diagnostics, process.env);
        return 1;
      }
      const server = await serveSite({
        dir: path.resolve(root, values.out ?? "dist"),
        basePath: configResult.config.basePath,
        port: values.port ? Number(values.port) : 4173,
      });
      console.log(`Serving ${values.out ?? "dist"}/ at ${server.url} (Ctrl-C to stop)`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          void server.close().then(resolve);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      return 0;
    }
    case "dev": {
      const { values } = parseArgs({ args: rest, options: { port: { type: "string" } } });
      const { startDevServer } = await import("./commands/dev.ts");
      const server = await startDevServer({ root, port: values.port ? Number(values.port) : 4000 });
      console.log(`Paperboy dev server at ${server.url} (drafts included; Ctrl-C to stop)`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          console.log("\nStopping.");
          void server.close().then(resolve);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      return 0;
    }
    case undefined:
    case "help":
    case "--help":
      console.log(USAGE);
      return command === undefined ? 1 : 0;
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 1;
  }
}

/** Runs a command; a mistyped option is the user's mistake, reported with the usage, not a crash. */
async function run(argv: string[]): Promise<number> {
  try {
    return await main(argv);
  } catch (error) {
    if (!String((error as NodeJS.ErrnoException)?.code).startsWith("ERR_PARSE_ARGS")) throw error;
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`internal error: ${(error as Error)?.stack ?? String(error)}\nThis is a bug in Paperboy, not in your content; please report it.`);
    process.exitCode = 70;
  },
);
