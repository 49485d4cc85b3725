// The entry point of every `npm run` command: runs the generator as plain
// JavaScript, compiled from its TypeScript once per version of the code.
//
// Node 20 cannot run TypeScript, and transpiling it at every start through a
// loader (tsx) cost a quarter of a second before the first line of Paperboy ran,
// more than an unchanged build's whole work. So this file hashes the sources
// (reading them is a few milliseconds), and when no compiled copy of that hash
// exists, compiles every module with esbuild into .cache/paperboy-js/<hash>/,
// the same tree with `.ts` imports made `.js`. Data the code reads (the theme,
// the benchmark's peer sites, package.json) is found through
// util/source-root.ts, which `source.json` there points at the sources. A copy
// is whole or absent: it is written beside its place and renamed into it.
// Tests and `tsx` still run the sources as they are.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const SCRIPTS = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(SCRIPTS);
/** Folders of data, not code: never compiled. */
const DATA_FOLDERS = ["theme", "commands/bench/hugo", "commands/bench/eleventy"];
/** Bumped when the way sources are compiled changes. */
const COMPILER = "launch-1";

function sources() {
  const files = readdirSync(SCRIPTS, { recursive: true, encoding: "utf8" })
    .map((file) => file.split(path.sep).join("/"))
    .filter((file) => /\.(ts|mjs)$/.test(file) && file !== "launch.mjs" && !DATA_FOLDERS.some((folder) => file.startsWith(`${folder}/`)))
    .sort();
  return files.map((file) => ({ file, text: readFileSync(path.join(SCRIPTS, file), "utf8") }));
}

/** `from "./x.ts"`, `import("./x.ts")`, `new URL("./x.ts", …)`: relative specifiers the compiled code must name as `.js`. */
const RELATIVE_TS = /(["'])(\.{1,2}\/[^"'\n]*?)\.ts\1/g;

async function compile(files, out) {
  const { transform } = await import("esbuild");
  const staging = `${out}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  for (const { file, text } of files) {
    const target = path.join(staging, file.replace(/\.ts$/, ".js"));
    mkdirSync(path.dirname(target), { recursive: true });
    // Inline source maps cost nothing until asked for: NODE_OPTIONS=--enable-source-maps makes a bug's stack trace name the TypeScript.
    const code = file.endsWith(".ts")
      ? (await transform(text, { loader: "ts", format: "esm", target: "node20", sourcefile: path.join(SCRIPTS, file), sourcemap: "inline" })).code
      : text;
    writeFileSync(
      target,
      code.replace(RELATIVE_TS, (_match, quote, specifier) => `${quote}${specifier}.js${quote}`),
    );
  }
  // The code version (util/code-version.ts) is the sources', whichever copy runs.
  writeFileSync(path.join(staging, "source.json"), `${JSON.stringify({ scripts: SCRIPTS })}\n`);
  try {
    renameSync(staging, out);
  } catch (error) {
    // Another command compiled the same code meanwhile: theirs is as good as ours.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(out)) throw error;
  }
}

/** Removes older compiled copies, keeping the newest two (a dev server may still run the one before). */
function prune(keep) {
  const parent = path.dirname(keep);
  const copies = readdirSync(parent, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^[0-9a-f]{16}$/.test(entry.name))
    .map((entry) => ({ dir: path.join(parent, entry.name), time: statSync(path.join(parent, entry.name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { dir } of copies.slice(2)) if (dir !== keep) rmSync(dir, { recursive: true, force: true });
}

const files = sources();
const hash = createHash("sha1").update(COMPILER);
for (const { file, text } of files) hash.update(`${file}\0${text}\0`);
const out = path.join(ROOT, ".cache", "paperboy-js", hash.digest("hex").slice(0, 16));
if (!existsSync(out)) {
  await compile(files, out);
  prune(out);
}
const { runFromProcess } = await import(pathToFileURL(path.join(out, "cli.js")).href);
runFromProcess();
