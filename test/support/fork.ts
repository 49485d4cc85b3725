// A fork of this repository, played in temp folders: an "upstream" git
// repository made from the tracked files, a clone of it that becomes a site of
// its own (its own papers on its own days, its own config, a restyled footer and
// stylesheet in templates/), later upstream commits to the generator and the
// theme, the merge, and the test suite run inside the fork. One mechanism for
// test/project/fork.test.ts (a bounded suite) and for CI's fork job (the whole
// suite, through test/support/rehearse-fork.ts).
import { execFile, spawn } from "node:child_process";
import { chmod, cp, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { ROOT } from "./helpers.ts";

const run = promisify(execFile);

/** Set inside a fork's test run, so that the fork test does not start another fork inside it. */
export const IN_FORK_VARIABLE = "PAPERBOY_IN_FORK";

/** The slow files the bounded suite leaves out (CI's fork job runs them too): real browsers, the benchmark and its peers. */
export const SLOW_TESTS = ["test/browser/**", "test/commands/bench.test.ts", "test/commands/bench-peers.test.ts", "test/project/audit.test.ts"];

/** git, with no user or system configuration (hooks, signing, default branch) leaking in. */
export async function git(cwd: string, ...args: string[]): Promise<string> {
  const env = {
    ...process.env,
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "Fork Rehearsal",
    GIT_AUTHOR_EMAIL: "fork@example.org",
    GIT_COMMITTER_NAME: "Fork Rehearsal",
    GIT_COMMITTER_EMAIL: "fork@example.org",
  };
  const { stdout } = await run("git", ["-c", "init.defaultBranch=main", "-c", "commit.gpgSign=false", ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Copies the repository's files (tracked, and new ones not ignored, as in the working tree) into `dest`. */
export async function copyRepository(dest: string): Promise<void> {
  const listed = (await git(ROOT, "ls-files", "--cached", "--others", "--exclude-standard", "-z")).split("\0").filter(Boolean);
  for (const file of listed) {
    await mkdir(path.dirname(path.join(dest, file)), { recursive: true });
    // A tracked file deleted in the working tree is simply not copied.
    await cp(path.join(ROOT, file), path.join(dest, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }
}

/** An "upstream" repository in `dir`: the repository's files, committed once on `main`. */
export async function makeUpstream(dir: string): Promise<void> {
  await copyRepository(dir);
  await git(dir, "init", "-q");
  await git(dir, "add", "-A");
  await git(dir, "commit", "-q", "-m", "upstream: Paperboy as it is");
}

/** The papers the fork's site has instead of the sample: other days, other titles, one without an arXiv id. */
export const FORK_PAPERS: Record<string, string> = {
  "content/papers/2026-02-02/sparse-probing.md":
    '---\ntitle: "Sparse Probing of $k$ Neurons"\nauthors:\n  - Grace Hopper\n  - Kwame Mensah\n  - Yuki Tanaka\n  - Sofía García\n  - Oren Cohen\n  - Anika Müller\n  - Dmitri Ivanov\narxiv: "2602.01234"\ntags:\n  - interpretability\n  - llm\n---\nProbes that read a concept from $k \\le 8$ neurons, and what they miss.\n',
  "content/papers/2026-02-02/field-notes.md":
    "---\ntitle: Field Notes on Reproducibility\nauthors:\n  - Camille Dubois\nurl: https://example.org/field-notes\ntags:\n  - reproducibility\n---\nA lab's notebook of what it took to rerun ten papers.\n",
  "content/papers/2026-01-19/graph-rewiring.md":
    '---\ntitle: Graph Rewiring Without Oversquashing\nauthors:\n  - Amina Okafor\n  - Priya Sharma\narxiv: "2601.04321"\ntags:\n  - graphs\n---\nRewiring a graph\'s edges by curvature keeps messages from being squashed.\n',
};

/** The fork's own look: a marker in its footer and a rule in its stylesheet, both in templates/. */
export const FORK_FOOTER_MARK = '<p class="fork-footer">A fork of Paperboy, with a footer of its own.</p>';
export const FORK_STYLE_MARK = ".fork-footer { color: rebeccapurple; }";
/** The fork's own title and address. */
export const FORK_TITLE = "Lab Reading Digest";
export const FORK_URL = "https://lab.example.org/reading/";

/**
 * Makes the repository in `dir` a site of its own, as a fork's maintainer
 * would: every sample paper replaced by the fork's, the title and address
 * changed in paperboy.config.yaml, and the footer partial and the stylesheet
 * overridden in templates/ (copied from the theme, then edited).
 */
export async function makeSiteOwn(dir: string): Promise<void> {
  await rm(path.join(dir, "content", "papers"), { recursive: true, force: true });
  for (const [file, text] of Object.entries(FORK_PAPERS)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  const configFile = path.join(dir, "paperboy.config.yaml");
  const config = await readFile(configFile, "utf8");
  if (!/^title: .*$/m.test(config) || !/^url: .*$/m.test(config)) throw new Error("paperboy.config.yaml has no top-level title or url to change");
  await writeFile(configFile, config.replace(/^title: .*$/m, `title: ${FORK_TITLE}`).replace(/^url: .*$/m, `url: ${FORK_URL}`));
  const theme = path.join(dir, "scripts", "theme");
  await mkdir(path.join(dir, "templates", "partials"), { recursive: true });
  await mkdir(path.join(dir, "templates", "assets"), { recursive: true });
  const footer = await readFile(path.join(theme, "partials", "site-footer.hbs"), "utf8");
  if (!footer.includes("</footer>")) throw new Error("the theme's footer has no </footer> to add to");
  await writeFile(path.join(dir, "templates", "partials", "site-footer.hbs"), footer.replace("</footer>", `${FORK_FOOTER_MARK}\n</footer>`));
  await writeFile(
    path.join(dir, "templates", "assets", "style.css"),
    `${await readFile(path.join(theme, "assets", "style.css"), "utf8")}\n${FORK_STYLE_MARK}\n`,
  );
}

/**
 * What upstream changes after the fork: marks it adds to the theme's header
 * and footer, and to a generator module. Handlebars comments, so that the
 * output, and with it the golden files upstream would update in the same
 * commit, stays as it is.
 */
export const UPSTREAM_HEADER_MARK = "{{!-- upstream: a newer header --}}";
export const UPSTREAM_FOOTER_MARK = "{{!-- upstream: a newer footer --}}";
const UPSTREAM_GENERATOR_FILE = "scripts/render/views.ts";

/** Commits, in the upstream repository, a change to a generator module and to two theme templates, one of them the template the fork overrides. */
export async function changeUpstream(dir: string): Promise<void> {
  const append = async (file: string, text: string) => writeFile(path.join(dir, file), `${await readFile(path.join(dir, file), "utf8")}${text}`);
  await append("scripts/theme/partials/site-header.hbs", `${UPSTREAM_HEADER_MARK}\n`);
  await append("scripts/theme/partials/site-footer.hbs", `${UPSTREAM_FOOTER_MARK}\n`);
  await append(UPSTREAM_GENERATOR_FILE, "\n// An upstream improvement made after the fork.\n");
  await git(dir, "commit", "-q", "-a", "-m", "upstream: improve the theme and the generator");
}

/** Lets the fork's commands and tests use this repository's installed packages, without a second npm ci. */
export async function linkPackages(dir: string): Promise<void> {
  await symlink(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
}

/** The fork, its upstream, and how the merge went. */
export interface Rehearsal {
  upstream: string;
  fork: string;
  /** What `git merge` printed. */
  merge: string;
  /** Files left in conflict by the merge (none, if a fork stays a fork). */
  conflicts: string[];
}

/** Plays the whole story in `base`: upstream, the fork and its own site, upstream's later change, the merge. */
export async function rehearseFork(base: string): Promise<Rehearsal> {
  const upstream = path.join(base, "upstream");
  const fork = path.join(base, "fork");
  // Readable by all, as a clone usually is: the fork's tests run its command line as `nobody` when they run as root.
  await chmod(base, 0o755);
  await mkdir(upstream, { recursive: true });
  await makeUpstream(upstream);
  await git(base, "clone", "-q", upstream, fork);
  await makeSiteOwn(fork);
  await git(fork, "add", "-A");
  await git(fork, "commit", "-q", "-m", "fork: our own papers, config and look");
  await changeUpstream(upstream);
  await git(fork, "fetch", "-q", "origin");
  let merge: string;
  try {
    merge = await git(fork, "merge", "--no-edit", "origin/main");
  } catch (error) {
    merge = `${(error as { stdout?: string }).stdout ?? ""}${(error as { stderr?: string }).stderr ?? ""}`;
  }
  const conflicts = (await git(fork, "diff", "--name-only", "--diff-filter=U")).split("\n").filter(Boolean);
  await linkPackages(fork);
  return { upstream, fork, merge, conflicts };
}

/** Runs a command in `cwd`, collecting its output; never rejects. */
export function runIn(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => resolve({ code: -1, output: `${output}${error.message}` }));
    child.on("close", (code) => resolve({ code: code ?? -1, output }));
  });
}

/** Runs the fork's own command line (`check`, `build`, `verify`) with this Node. */
export function forkCli(fork: string, ...args: string[]): Promise<{ code: number; output: string }> {
  return runIn(fork, process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], { SITE_URL: "", GITHUB_ACTIONS: "" });
}

/**
 * Runs the fork's test suite: `npm test`'s two commands (tsc, then vitest),
 * the bounded set without SLOW_TESTS unless `full`. The fork test inside it
 * is skipped, so that forks do not nest.
 */
export async function forkSuite(fork: string, options: { full?: boolean } = {}): Promise<{ code: number; output: string }> {
  // Plain output (no colours), so that it can be read back and quoted in a failure.
  const env = { [IN_FORK_VARIABLE]: "1", NO_COLOR: "1", FORCE_COLOR: "0" };
  const typecheck = await runIn(fork, process.execPath, [path.join("node_modules", "typescript", "bin", "tsc"), "--noEmit"], env);
  if (typecheck.code !== 0) return { code: typecheck.code, output: `tsc --noEmit failed:\n${typecheck.output}` };
  const exclude = options.full ? [] : SLOW_TESTS.flatMap((pattern) => ["--exclude", pattern]);
  return runIn(fork, process.execPath, [path.join("node_modules", "vitest", "vitest.mjs"), "run", ...exclude], env);
}
