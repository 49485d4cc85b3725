// Command line → the command it names. A thin dispatcher: each command's
// options, help and work are in its own module in commands/; this file finds
// the command, answers --help and --version, and turns every way a command
// can end into an exit status:
//   0  done
//   1  a problem in the content, the configuration or the machine, printed
//      with what to do (content diagnostics, no dist/ to preview, a full disk)
//   2  the command line itself is wrong (an unknown option, --port abc);
//      nothing was done
//   70 a bug in Paperboy: the stack trace, and a request to report it
// Each command loads the modules it uses only when it runs: the Markdown and
// math stack alone takes about a second to load, and --help needs none of it.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchCommand } from "./commands/bench-command.ts";
import { buildCommand } from "./commands/build-command.ts";
import { checkCommand } from "./commands/check-command.ts";
import {
  commandHelp,
  EXIT,
  overviewHelp,
  paperboyVersion,
  parseCommandLine,
  UsageError,
  type Command,
  type CommandIO,
  type OptionTable,
} from "./commands/command-line.ts";
import { devCommand } from "./commands/dev-command.ts";
import { newCommand } from "./commands/new-command.ts";
import { previewCommand } from "./commands/preview-command.ts";
import { verifyCommand } from "./commands/verify-command.ts";
import { printProblems } from "./commands/print-problems.ts";
import { ProblemsFound, UserError } from "./diagnostics/user-error.ts";
import { closest } from "./util/closest.ts";

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly Command<OptionTable>[] = [buildCommand, checkCommand, verifyCommand, newCommand, previewCommand, devCommand, benchCommand];

/** What a run of the command line is given: where it runs, and where it writes. */
export interface CommandLineContext {
  root: string;
  env: NodeJS.ProcessEnv;
  io: CommandIO;
}

/** Runs one command line (without `node` and the script) and returns its exit status; only a bug throws. */
export async function runCommandLine(argv: readonly string[], context: CommandLineContext): Promise<number> {
  const { io } = context;
  const [name, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (name === undefined) {
      io.err(overviewHelp(COMMANDS));
      return EXIT.usage;
    }
    if (name === "--version") {
      io.out(`paperboy ${paperboyVersion()}`);
      return EXIT.ok;
    }
    if (name === "--help" || name === "-h" || name === "help") {
      const about = rest[0] === undefined ? undefined : COMMANDS.find((c) => c.name === rest[0]);
      if (rest[0] !== undefined && !about) throw unknownCommand(rest[0]);
      io.out(about ? commandHelp(about) : overviewHelp(COMMANDS));
      return EXIT.ok;
    }
    if (!command) throw unknownCommand(name);
    const parsed = parseCommandLine(command, rest);
    if (parsed.wants !== "run") {
      io.out(parsed.wants === "help" ? commandHelp(command) : `paperboy ${paperboyVersion()}`);
      return EXIT.ok;
    }
    return await command.run({ ...context, options: parsed.options, args: parsed.args });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      return EXIT.usage;
    }
    if (error instanceof UserError) {
      io.err(error.hint ? `${error.message}\n  ${error.hint}` : error.message);
      return EXIT.problems;
    }
    if (error instanceof ProblemsFound) {
      printProblems(error.diagnostics, context.env, io, command ? `npm run ${command.name} did not start.` : "");
      return EXIT.problems;
    }
    throw error;
  }
}

function unknownCommand(name: string): UsageError {
  const names = COMMANDS.map((c) => c.name);
  const near = closest(name, names);
  return new UsageError(
    `paperboy has no command "${name}"${near ? `; did you mean ${near}?` : "."} The commands are ${names.join(", ")} (npm run <command> -- --help for each).`,
  );
}

/** The real terminal: stdout for results, stderr for problems and progress. */
const TERMINAL: CommandIO = {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
  status: process.stderr,
};

/** Runs the command line of this process (its arguments, its folder, its terminal) and sets its exit status. */
export function runFromProcess(): void {
  runCommandLine(process.argv.slice(2), { root: process.cwd(), env: process.env, io: TERMINAL }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`internal error: ${(error as Error)?.stack ?? String(error)}\nThis is a bug in Paperboy, not in your content; please report it.`);
      process.exitCode = EXIT.internal;
    },
  );
}

// Run as a script (`node --import tsx scripts/cli.ts`, as the tests do); scripts/launch.mjs calls runFromProcess itself.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) runFromProcess();
