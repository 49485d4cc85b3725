// What a command is (its name, options, help and `run`), and arguments → that
// command's typed options. Every command declares its options in one table,
// from which both the parsing and its `--help` are made, so the two never
// disagree; `--help`, `-h` and `--version` come with every command.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { closest } from "../util/closest.ts";
import { PAPERBOY_ROOT } from "../util/source-root.ts";

/** One option a command takes. */
export interface OptionSpec {
  /** `boolean`: a switch; `string`: any text; `port`: a TCP port, 0–65535; `count`: a whole number from 1. */
  type: "boolean" | "string" | "port" | "count";
  /** A one-letter alias (`-p`). */
  short?: string;
  /** How the help names the value: `<dir>`. */
  value?: string;
  /** One line for the help. */
  help: string;
}

/** A command's options, by long name (`drafts` for `--drafts`). */
export type OptionTable = Record<string, OptionSpec>;

/** The parsed values of an option table: absent when not given. */
export type OptionValues<T extends OptionTable> = {
  [K in keyof T]?: T[K]["type"] extends "boolean" ? boolean : T[K]["type"] extends "string" ? string : number;
};

/** Where a command writes: whole lines for people, and the stream a progress line is drawn on. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  /** Standard error as a stream: on a terminal (`isTTY`), a progress line is redrawn in place. */
  status: { write(text: string): unknown; isTTY?: boolean };
}

/** What a command's `run` is given. */
export interface CommandInput<T extends OptionTable> {
  options: OptionValues<T>;
  /** The arguments that are not options (`check`'s files). */
  args: string[];
  /** The project folder (where the command was started). */
  root: string;
  env: NodeJS.ProcessEnv;
  io: CommandIO;
}

/** One command of `paperboy`: what it is for, what it takes, and how it runs. */
export interface Command<T extends OptionTable = OptionTable> {
  name: string;
  /** One line for the list of commands. */
  summary: string;
  /** Its arguments, for the usage line (`[<file>…]`); none when it takes none. */
  args?: { usage: string; min?: number; max?: number };
  options: T;
  /** A few lines of help under the usage line, if the summary is not enough. */
  details?: string;
  /** At least one command line to copy. */
  examples: [string, ...string[]];
  /** Runs the command and returns the exit status; throws UsageError, UserError or ProblemsFound for the user's mistakes. */
  run(input: CommandInput<T>): Promise<number>;
}

/** Declares a command, keeping its option table's exact type for `run`. */
export function defineCommand<const T extends OptionTable>(command: Command<T>): Command<T> {
  return command;
}

/** The command line itself is wrong (an unknown option, a value of the wrong kind): exit 2, nothing was done. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Exit statuses: what a script calling Paperboy can rely on (docs/commands.md). */
export const EXIT = { ok: 0, problems: 1, usage: 2, internal: 70 } as const;

/** The options every command takes. */
const COMMON: OptionTable = {
  help: { type: "boolean", short: "h", help: "show this help" },
  version: { type: "boolean", help: "show Paperboy's version" },
};

/** A command's arguments parsed against its table, or what `--help` and `--version` ask for instead. */
export type ParsedCommandLine<T extends OptionTable> = { wants: "help" | "version" } | { wants: "run"; options: OptionValues<T>; args: string[] };

/** Parses a command's arguments (after its name); every mistake is a UsageError naming the option and what it takes. */
export function parseCommandLine<T extends OptionTable>(command: Command<T>, argv: readonly string[]): ParsedCommandLine<T> {
  const table: OptionTable = { ...command.options, ...COMMON };
  const { tokens } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(
      Object.entries(table).map(([name, spec]) => [
        name,
        { type: spec.type === "boolean" ? "boolean" : "string", ...(spec.short ? { short: spec.short } : {}) },
      ]),
    ),
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  // Asking for help is never a mistake, whatever else the command line holds.
  const asked = (name: string) => tokens.some((token) => token.kind === "option" && token.name === name);
  if (asked("help")) return { wants: "help" };
  if (asked("version")) return { wants: "version" };
  const options: Record<string, unknown> = {};
  const args: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") {
      args.push(token.value);
      continue;
    }
    if (token.kind !== "option") continue;
    const spec = Object.hasOwn(table, token.name) ? table[token.name] : undefined;
    if (!spec || (token.rawName.length === 2 && spec.short !== token.rawName[1])) throw unknownOption(command, token.rawName);
    options[token.name] = readValue(token.rawName, spec, token.value, token.inlineValue ?? false);
  }
  const { min = 0, max = 0 } = command.args ?? {};
  if (args.length > max) {
    const given = `got ${args.length}: ${args.map((a) => JSON.stringify(a)).join(" ")}`;
    const takes = max === 0 ? "no arguments" : max === 1 ? `one ${command.args!.usage}` : `at most ${max} ${command.args!.usage}`;
    throw new UsageError(`${command.name} takes ${takes}, ${given}${seeHelp(command)}`);
  }
  if (args.length < min) throw new UsageError(`${command.name} needs ${command.args!.usage}${seeHelp(command)}`);
  return { wants: "run", options: options as OptionValues<T>, args };
}

function readValue(rawName: string, spec: OptionSpec, value: string | undefined, inline: boolean): unknown {
  if (spec.type === "boolean") {
    if (value !== undefined) throw new UsageError(`${rawName} is a switch and takes no value; write just ${rawName}`);
    return true;
  }
  // `--out --drafts` is a forgotten value, not a folder named "--drafts"; `--out=-x` says it is meant.
  if (value === undefined || (/^-[A-Za-z-]/.test(value) && !inline) || (value === "" && spec.type !== "string")) {
    throw new UsageError(`${rawName} needs a value: ${rawName} ${spec.value ?? "<value>"}`);
  }
  if (spec.type === "string") return value;
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  if (spec.type === "port") {
    if (!(number >= 0 && number <= 65535))
      throw new UsageError(`${rawName} ${JSON.stringify(value)} is not a port number; give a whole number from 1 to 65535 (or 0 for any free port)`);
    return number;
  }
  if (!(number >= 1 && Number.isSafeInteger(number))) throw new UsageError(`${rawName} ${JSON.stringify(value)} is not a count; give a whole number from 1`);
  return number;
}

function unknownOption(command: Command<OptionTable>, rawName: string): UsageError {
  const names = Object.keys({ ...command.options, ...COMMON });
  const near = rawName.startsWith("--") ? closest(rawName.slice(2), names) : undefined;
  return new UsageError(`${command.name} has no option ${rawName}${near ? `; did you mean --${near}?` : ""}${seeHelp(command)}`);
}

function seeHelp(command: Command<OptionTable>): string {
  return ` (npm run ${command.name} -- --help lists what it takes)`;
}

/** `--help` for one command: what it does, its usage, every option, an example. */
export function commandHelp(command: Command<OptionTable>): string {
  const rows = Object.entries({ ...command.options, ...COMMON }).map(
    ([name, spec]) => [`${spec.short ? `-${spec.short}, ` : ""}--${name}${spec.value ? ` ${spec.value}` : ""}`, spec.help] as const,
  );
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const lines = [
    `npm run ${command.name}: ${command.summary}`,
    "",
    `Usage: npm run ${command.name} -- ${command.args ? `${command.args.usage} ` : ""}[options]`,
    ...(command.details ? ["", command.details] : []),
    "",
    "Options:",
    ...rows.map(([left, help]) => `  ${left.padEnd(width)}${help}`),
    "",
    command.examples.length === 1 ? "Example:" : "Examples:",
    ...command.examples.map((example) => `  ${example}`),
  ];
  return lines.join("\n");
}

/** `paperboy --help`: every command with its one line. */
export function overviewHelp(commands: readonly Command<OptionTable>[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 3;
  return [
    `Paperboy ${paperboyVersion()}: builds a research-paper digest into a static site.`,
    "",
    "Usage: npm run <command> -- [options]",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    "",
    "npm run <command> -- --help shows a command's options.",
    `Exit status: ${EXIT.ok} done; ${EXIT.problems} a problem in the content, the configuration or the machine (printed);`,
    `${EXIT.usage} a mistake in the command line; ${EXIT.internal} a bug in Paperboy.`,
  ].join("\n");
}

/** Waits for Ctrl-C (or a TERM signal), then stops what was started. */
export function untilStopped(stop: () => Promise<void>, io?: CommandIO, farewell?: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const onSignal = () => {
      if (farewell) io?.out(farewell);
      void stop().then(resolve);
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  });
}

/** Paperboy's version, from its package.json. */
export function paperboyVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(PAPERBOY_ROOT, "package.json"), "utf8")) as { version: string };
  return pkg.version;
}
