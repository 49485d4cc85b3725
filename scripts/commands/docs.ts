// `npm run docs`: regenerates the documentation that is made from the code,
// today docs/errors.md from the rule registry. Writes only when the text
// changed, so a second run leaves the file (and its modification time) alone.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ERRORS_DOC, renderErrorReference } from "../diagnostics/reference.ts";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Writes every generated document under `root`; returns the paths it changed. */
export async function writeGeneratedDocs(root: string): Promise<string[]> {
  const changed: string[] = [];
  for (const [file, text] of [[ERRORS_DOC, renderErrorReference()]] as const) {
    const target = path.join(root, file);
    const before = await readFile(target, "utf8").catch(() => undefined);
    if (before === text) continue;
    await writeFile(target, text);
    changed.push(file);
  }
  return changed;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const changed = await writeGeneratedDocs(REPO);
  console.log(changed.length === 0 ? "The generated docs are up to date." : `Wrote ${changed.join(", ")}.`);
}
