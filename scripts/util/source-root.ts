// Where Paperboy's own files are: its TypeScript sources (scripts/) and the
// project they belong to (package.json, package-lock.json). Beside this module,
// or, when it runs from the compiled copy scripts/launch.mjs made, where
// `source.json` there says, so a path computed from here names the same file
// whichever copy runs.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function sourceScripts(): string {
  const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  try {
    return (JSON.parse(readFileSync(path.join(here, "source.json"), "utf8")) as { scripts: string }).scripts;
  } catch {
    return here;
  }
}

/** The generator's TypeScript sources: the scripts/ folder. */
export const SOURCE_SCRIPTS = sourceScripts();

/** The Paperboy project: the folder holding package.json and scripts/. */
export const PAPERBOY_ROOT = path.dirname(SOURCE_SCRIPTS);
