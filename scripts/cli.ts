// Command line → the build's stages. A thin shell: parse arguments, call the
// stage functions, print diagnostics, set the exit code.
import path from "node:path";
import { parseArgs } from "node:util";
import { build, loadPapers, sortDiagnostics, type BuildResult } from "./build.ts";
import { loadConfig } from "./config.ts";
import { formatDiagnostic, formatGithubAnnotation, summarise } from "./diagnostics.ts";
import { serveSite } from "./serve.ts";
import { WriteError } from "./write.ts";
import type { Diagnostic } from "./types.ts";

const USAGE = `Usage: paperboy <command> [options]

Commands:
  build     build the site into dist/ (--drafts to include drafts, --out <dir>)
  check     validate the content without building the site
  preview   serve dist/ on 127.0.0.1 under the site's base path (--port <n>)
`;

function report(diagnostics: readonly Diagnostic[], env: NodeJS.ProcessEnv): void {
  for (const d of diagnostics) console.error(formatDiagnostic(d));
  if (env.GITHUB_ACTIONS === "true") for (const d of diagnostics) console.log(formatGithubAnnotation(d));
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const root = process.cwd();
  switch (command) {
    case "build": {
      const { values } = parseArgs({ args: rest, options: { drafts: { type: "boolean" }, out: { type: "string" } } });
      const started = performance.now();
      const kept = `${path.relative(root, path.resolve(root, values.out ?? "dist")) || "."}/ was left as it was.`;
      let result: BuildResult;
      try {
        result = await build({ root, drafts: values.drafts ?? false, ...(values.out ? { outDir: values.out } : {}) });
      } catch (error) {
        // A full disk or a read-only folder is the machine's problem, not a bug to report.
        if (!(error instanceof WriteError)) throw error;
        console.error(`${error.message}\n${kept}`);
        return 1;
      }
      if (result.diagnostics.length > 0) {
        report(result.diagnostics, process.env);
        console.error(`\n${summarise(result.diagnostics)} ${kept}`);
        return 1;
      }
      const { report: written, model } = result;
      const ms = Math.round(performance.now() - started);
      const papers = model!.papers.length;
      const days = model!.days.length;
      console.log(`Built ${papers} ${papers === 1 ? "paper" : "papers"} on ${days} ${days === 1 ? "day" : "days"}: ${written!.written.length} files written, ${written!.unchanged} unchanged, ${written!.removed.length} removed, in ${ms} ms.`);
      return 0;
    }
    case "check": {
      const configResult = await loadConfig(root);
      const content = await loadPapers(root, { drafts: true });
      const diagnostics = sortDiagnostics([...configResult.diagnostics, ...content.diagnostics]);
      if (diagnostics.length > 0) {
        report(diagnostics, process.env);
        console.error(`\n${summarise(diagnostics)}`);
        return 1;
      }
      console.log(`All ${content.papers.length} papers are valid.`);
      return 0;
    }
    case "preview": {
      const { values } = parseArgs({ args: rest, options: { port: { type: "string" }, out: { type: "string" } } });
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`internal error: ${(error as Error)?.stack ?? String(error)}\nThis is a bug in Paperboy, not in your content; please report it.`);
    process.exitCode = 70;
  },
);
