// The programs some tests need that npm cannot supply (a browser, Java, Hugo,
// git, root), found the way the tests will run them: on PATH, or where an
// environment variable says. Free of vitest imports, so the global setup can
// report at the end of the run what was skipped and how to install it.
import { spawnSync } from "node:child_process";
import { accessSync, constants, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** A program (or privilege) that some tests need and npm cannot supply. */
export interface Requirement {
  /** A short key, used to record a skip. */
  id: string;
  /** What it is, as the notice names it. */
  name: string;
  /** The tests that need it. */
  usedBy: string;
  /** How to provide it on Debian or Ubuntu. */
  install: string;
  /** Why it cannot be used here, or undefined when it can. */
  missing(): string | undefined;
}

/** The first executable called `name` on PATH, or undefined. */
export function onPath(name: string, searchPath = process.env.PATH ?? ""): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here; try the next folder
    }
  }
  return undefined;
}

const programs = (names: readonly string[]) => names.filter((name) => !onPath(name));
const lacking = (names: readonly string[]) => {
  const absent = programs(names);
  return absent.length === 0 ? undefined : `${absent.join(", ")} ${absent.length === 1 ? "is" : "are"} not on PATH`;
};

/** Where Chromium (or Chrome) is: `CHROMIUM_PATH` when set, else the first of the usual names on PATH. */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]) {
    const found = onPath(name);
    if (found) return found;
  }
  return undefined;
}

/** True when this process runs as root. */
export const IS_ROOT = process.getuid?.() === 0;

let sudoAnswer: boolean | undefined;
/** True when `sudo -n` runs commands as root without asking for a password (as on GitHub's hosted runners). */
export function canSudo(): boolean {
  sudoAnswer ??= spawnSync("sudo", ["-n", "true"], { stdio: "ignore", timeout: 10_000 }).status === 0;
  return sudoAnswer;
}

/** The command line that runs `command` as root: itself when this process is root, else through `sudo -n`. */
export function asRoot(command: string, args: readonly string[]): [string, string[]] {
  return IS_ROOT ? [command, [...args]] : ["sudo", ["-n", command, ...args]];
}

/** Chromium, for the browser tests. */
export const CHROMIUM: Requirement = {
  id: "chromium",
  name: "Chromium",
  usedBy: "the browser tests in test/browser/",
  install: "`sudo apt-get install chromium` (Debian), or set CHROMIUM_PATH to a Chromium or Chrome binary",
  missing() {
    const found = chromiumPath();
    if (!found) return "no chromium, chromium-browser or google-chrome on PATH, and CHROMIUM_PATH is not set";
    try {
      accessSync(found, constants.X_OK);
      return undefined;
    } catch {
      return `CHROMIUM_PATH names ${found}, which is not an executable`;
    }
  },
};

/** Java, for the Nu HTML Checker (vnu.jar from npm). */
export const JAVA: Requirement = {
  id: "java",
  name: "Java 11 or later",
  usedBy: "the Nu HTML Checker in test/pipeline/real-validators.test.ts",
  install: "`sudo apt-get install default-jre-headless`",
  missing: () => lacking(["java"]),
};

/** Hugo, for the benchmark's Hugo peer site. */
export const HUGO: Requirement = {
  id: "hugo",
  name: "Hugo",
  usedBy: "the Hugo peer site in test/commands/bench-peers.test.ts",
  install: "`sudo apt-get install hugo`",
  missing: () => lacking(["hugo"]),
};

/** git, for the fork and upgrade rehearsal. */
export const GIT: Requirement = {
  id: "git",
  name: "git",
  usedBy: "the fork rehearsal in test/project/fork.test.ts",
  install: "`sudo apt-get install git`",
  missing: () => lacking(["git"]),
};

/** Root, directly or through passwordless sudo, with util-linux's mount: for the full-disk test (a tmpfs). */
export const ROOT_PRIVILEGE: Requirement = {
  id: "root",
  name: "root (or passwordless sudo) and mount",
  usedBy: "the full-disk test in test/output/failed-build.test.ts",
  install: "run the tests as root or with passwordless `sudo -n`, with util-linux installed",
  missing() {
    const tools = lacking(["mount", "umount"]);
    if (tools) return tools;
    return IS_ROOT || canSudo() ? undefined : "this user is not root and `sudo -n` asks for a password";
  },
};

/**
 * A user whom file modes bind, for the read-only output tests: this user when
 * it is not root (root ignores modes), else `nobody` through util-linux's setpriv.
 */
export const UNPRIVILEGED_USER: Requirement = {
  id: "setpriv",
  name: "setpriv (to drop root's privileges)",
  usedBy: "the read-only output tests in test/output/failed-build.test.ts",
  install: "`sudo apt-get install util-linux`, or run the tests as an ordinary user",
  missing: () => (IS_ROOT ? lacking(["setpriv"]) : undefined),
};

/** Every requirement, in the order the end-of-run notice lists them. */
export const REQUIREMENTS: readonly Requirement[] = [CHROMIUM, JAVA, HUGO, GIT, ROOT_PRIVILEGE, UNPRIVILEGED_USER];

/** The environment variable naming the folder where skipped requirements are recorded for the end-of-run notice. */
export const SKIPS_DIR_VARIABLE = "PAPERBOY_TEST_SKIPS";

/** Records that tests were skipped (or, under CI, failed) for want of `requirement`. */
export function recordSkip(requirement: Requirement, suite: string): void {
  const dir = process.env[SKIPS_DIR_VARIABLE];
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${requirement.id}-${process.pid}-${Math.random().toString(36).slice(2)}`), `${suite}\n`);
}

/** The notice printed once at the end of a run: what was missing, what it cost, and how to install it. */
export function skipNotice(dir: string, ci: boolean): string | undefined {
  let recorded: string[];
  try {
    recorded = readdirSync(dir);
  } catch {
    return undefined;
  }
  const lines: string[] = [];
  for (const requirement of REQUIREMENTS) {
    const suites = [...new Set(recorded.filter((f) => f.startsWith(`${requirement.id}-`)).map((f) => readFileSync(path.join(dir, f), "utf8").trim()))].sort();
    if (suites.length === 0) continue;
    const why = requirement.missing() ?? "not available";
    lines.push(
      `  - ${requirement.name}: ${why}.`,
      `    Needed by ${requirement.usedBy} (${suites.length} ${suites.length === 1 ? "group" : "groups"}).`,
      `    Install: ${requirement.install}.`,
    );
  }
  if (lines.length === 0) return undefined;
  const verdict = ci
    ? "These tests FAILED: under CI=true every test must run (.ci/run installs what they need)."
    : "These tests were SKIPPED (under CI=true they fail instead):";
  return `\n  ⚠ Some tests need programs that npm cannot install. ${verdict}\n${lines.join("\n")}\n`;
}
