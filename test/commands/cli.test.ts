// The command line's manners: every command answers --help, -h and --version;
// every mistake of the person typing is one clear line and exit 1 or 2, never
// a stack trace; a port in use moves on and says so. Most of it runs in
// process (runCommandLine, with its output captured); a few cases run the
// real process, to see the exit status and stderr a person sees.
import { execFile, spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { COMMANDS, runCommandLine } from "../../scripts/cli.ts";
import { copyFixture, ROOT, tempDir } from "../support/helpers.ts";

const execute = promisify(execFile);
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const CLI = path.join(ROOT, "scripts", "cli.ts");
const TSX_LOADER = pathToFileURL(path.join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;
const VERSION = (JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;

/** Runs a command line in process; returns its status and what it printed. */
async function run(argv: string[], root = ROOT, env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommandLine(argv, {
    root,
    env,
    io: { out: (text) => void out.push(text), err: (text) => void err.push(text), status: { write: (text: string) => void err.push(text), isTTY: false } },
  });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

/** Runs the real command line in a child process. */
async function runProcess(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, SITE_URL: "", GITHUB_ACTIONS: "", CI: "true" };
  try {
    const { stdout, stderr } = await execute(TSX, [CLI, ...argv], { cwd, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

const NO_TRACE = /internal error|bug in Paperboy|\n\s+at /;

describe("--help and --version", () => {
  it("lists every command with its summary for paperboy --help, -h and help", async () => {
    for (const flag of ["--help", "-h", "help"]) {
      const { code, stdout, stderr } = await run([flag]);
      expect(code, flag).toBe(0);
      expect(stderr).toBe("");
      for (const command of COMMANDS) expect(stdout).toMatch(new RegExp(`^  ${command.name} +${command.summary.replace(/[()]/g, "\\$&")}$`, "m"));
    }
  });

  it("prints the version from package.json", async () => {
    expect(await run(["--version"])).toEqual({ code: 0, stdout: `paperboy ${VERSION}`, stderr: "" });
  });

  it("shows, for every command, its usage, every option and an example, with --help, -h and help <command>", async () => {
    expect(COMMANDS.map((c) => c.name)).toEqual(expect.arrayContaining(["build", "check", "new", "preview", "dev", "bench"]));
    for (const command of COMMANDS) {
      const shown = await run([command.name, "--help"]);
      expect(shown.code, command.name).toBe(0);
      expect(shown.stderr).toBe("");
      expect(shown.stdout).toContain(`Usage: npm run ${command.name} -- `);
      for (const option of [...Object.keys(command.options), "help", "version"])
        expect(shown.stdout, `${command.name} --${option}`).toMatch(new RegExp(`^  (-\\w, )?--${option}\\b`, "m"));
      expect(shown.stdout).toMatch(/^Examples?:\n {2}npm run /m);
      expect(await run([command.name, "-h"])).toEqual(shown);
      expect(await run(["help", command.name])).toEqual(shown);
    }
  });

  it("answers --version on every command, and --help even beside a mistake", async () => {
    for (const command of COMMANDS) expect(await run([command.name, "--version"])).toEqual({ code: 0, stdout: `paperboy ${VERSION}`, stderr: "" });
    expect((await run(["build", "--port", "abc", "--help"])).code).toBe(0);
  });
});

describe("a mistake on the command line", () => {
  it.each([
    [["biuld"], 'paperboy has no command "biuld"; did you mean build? The commands are build, check, verify, new, preview, dev, bench'],
    [["build", "--dratfs"], "build has no option --dratfs; did you mean --drafts?"],
    [["build", "--drafts=yes"], "--drafts is a switch and takes no value; write just --drafts"],
    [["build", "--out"], "--out needs a value: --out <dir>"],
    [["build", "--out", "--drafts"], "--out needs a value: --out <dir>"],
    [["build", "dist"], 'build takes no arguments, got 1: "dist"'],
    [["new", "--hf-day"], "--hf-day needs a value: --hf-day YYYY-MM-DD"],
    [["preview", "--port", "abc"], '--port "abc" is not a port number; give a whole number from 1 to 65535 (or 0 for any free port)'],
    [["dev", "--port", "70000"], '--port "70000" is not a port number'],
    [["dev", "--port", "-1"], '--port "-1" is not a port number'],
    [["bench", "--papers", "ten"], '--papers "ten" is not a count; give a whole number from 1'],
    [["preview", "-x"], "preview has no option -x"],
  ])("%j is one line and exit 2", async (argv, message) => {
    const { code, stdout, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(message);
    expect(stderr).not.toContain("\n");
  });

  it("without a command, lists the commands on stderr and exits 2", async () => {
    const { code, stdout, stderr } = await run([]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("Commands:");
  });

  it("refuses an output folder the build would wipe: the project, its content, a folder of other files", async () => {
    const root = await copyFixture("basic");
    const other = await tempDir();
    await writeFile(path.join(other, "notes.txt"), "mine\n");
    for (const [out, message] of [
      [".", "would replace the whole project"],
      ["..", "would replace the whole project"],
      ["content", "is inside content/, which holds the project's own files"],
      ["content/papers/x", "is inside content/"],
      ["templates", "is inside templates/"],
      [other, "already holds files that are not a site Paperboy built"],
    ] as const) {
      const { code, stderr } = await run(["build", "--out", out], root);
      expect(code, out).toBe(2);
      expect(stderr).toContain(`--out ${out} ${message}`);
    }
    expect(await readFile(path.join(other, "notes.txt"), "utf8")).toBe("mine\n");
  });

  it("is one line and exit 2 from the real process, with no stack trace", async () => {
    const { code, stdout, stderr } = await runProcess(["preview", "--port", "abc"], ROOT);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe('--port "abc" is not a port number; give a whole number from 1 to 65535 (or 0 for any free port)\n');
  });
});

describe("a problem with the site or the machine", () => {
  it("preview without dist/ refuses to start and says to build first, exit 1", async () => {
    const root = await copyFixture("basic");
    const { code, stdout, stderr } = await runProcess(["preview"], root);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe("there is no dist/ to preview yet\n  build the site first: npm run build\n");
  });

  it("preview of a folder that is not a build refuses too", async () => {
    const root = await copyFixture("basic");
    const { code, stderr } = await run(["preview", "--out", "content"], root);
    expect(code).toBe(1);
    expect(stderr).toBe(
      "content/ holds no built site (it has no index.html), so there is nothing to preview\n  build the site first: npm run build -- --out content",
    );
  });

  it("dev with a bad configuration prints its problems as build does and exits 1", async () => {
    const root = await copyFixture("basic");
    const config = path.join(root, "paperboy.config.yaml");
    await writeFile(config, (await readFile(config, "utf8")).replace(/items: \d+/, "items: 0"));
    const { code, stderr } = await run(["dev", "--port", "0"], root);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^paperboy\.config\.yaml:\d+: feed\.items: must be at least 1\n/);
    expect(stderr).toContain("1 problem in 1 file. npm run dev did not start.");
    expect(stderr).not.toMatch(NO_TRACE);
  });
});

describe("a port in use", () => {
  /** Holds a port on 127.0.0.1 as another server would. */
  const holdPort = () =>
    new Promise<{ port: number; server: Server }>((resolve) => {
      const server = createServer();
      server.listen(0, "127.0.0.1", () => resolve({ port: (server.address() as { port: number }).port, server }));
    });

  it("moves preview to the next free port, and says so", async () => {
    const root = await copyFixture("basic");
    expect((await runProcess(["build"], root)).code).toBe(0);
    const held = await holdPort();
    // Node itself with tsx's loader, as npm run preview starts it, so the signal below reaches Paperboy.
    const child = spawn(process.execPath, ["--import", TSX_LOADER, CLI, "preview", "--port", String(held.port)], {
      cwd: root,
      env: { ...process.env, SITE_URL: "" },
    });
    try {
      let stdout = "";
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes("Ctrl-C")) resolve();
        });
        child.once("exit", (code) => reject(new Error(`preview exited with ${code}: ${stderr}`)));
      });
      const moved = /^Port (\d+) is in use; serving on (\d+) instead\.\nServing dist\/ at (http:\/\/127\.0\.0\.1:(\d+)\/digest\/) \(Ctrl-C to stop\)\n$/.exec(
        stdout,
      );
      expect(moved, stdout).not.toBeNull();
      expect(Number(moved![1])).toBe(held.port);
      expect(Number(moved![2])).toBeGreaterThan(held.port);
      expect(moved![4]).toBe(moved![2]);
      expect((await fetch(moved![3]!)).status).toBe(200);
    } finally {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
      held.server.close();
    }
  });
});
