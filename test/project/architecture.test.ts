// The folders of scripts/ are the build's stages, and imports point one way,
// down the pipeline: a stage may use the stages before it and the shared
// folders, never one after it, and no module imports itself through others.
// One build's state is one object passed down, never a module's variable.
// docs/architecture.md draws the same map.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listTree } from "../../scripts/util/list-tree.ts";
import { ROOT } from "../support/helpers.ts";

/**
 * Each folder's place in the pipeline: a module may import only from its own rank or below.
 * A file listed by its path takes its own rank: the rule registry is data with no imports,
 * whose id union `types.ts` names, so it sits with `types.ts`.
 */
const RANKS: Record<string, number> = {
  "types.ts": 0,
  "diagnostics/rules.ts": 0,
  util: 0,
  diagnostics: 1,
  content: 2,
  arxiv: 3,
  site: 4,
  render: 5,
  output: 6,
  commands: 7,
  "cli.ts": 8,
  "launch.mjs": 9,
};

const SCRIPTS = path.join(ROOT, "scripts");
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+["'](\.{1,2}\/[^"']+)["']|import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)|new URL\(\s*["'](\.{1,2}\/[^"']+)["']/g;

async function importGraph(): Promise<Map<string, string[]>> {
  const files = (await listTree(SCRIPTS)).filter((file) => /\.(ts|mjs)$/.test(file));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(path.join(SCRIPTS, file), "utf8");
    const targets = [...text.matchAll(IMPORT)].map((m) => path.posix.normalize(path.posix.join(path.posix.dirname(file), (m[1] ?? m[2] ?? m[3])!)));
    graph.set(file, targets);
  }
  return graph;
}

const rankOf = (file: string) => RANKS[file] ?? RANKS[file.split("/")[0]!];

describe("the layout of scripts/", () => {
  it("puts every module in a stage folder", async () => {
    const graph = await importGraph();
    expect([...graph.keys()].filter((file) => rankOf(file) === undefined)).toEqual([]);
  });

  it("has imports that point down the pipeline only", async () => {
    const graph = await importGraph();
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) if (rankOf(target)! > rankOf(file)!) upward.push(`${file} → ${target}`);
    }
    expect(upward).toEqual([]);
  });

  it("has no import cycles", async () => {
    const graph = await importGraph();
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, "open");
      stack.push(file);
      for (const target of graph.get(file) ?? []) {
        if (state.get(target) === "open") cycles.push([...stack.slice(stack.indexOf(target)), target].join(" → "));
        else if (!state.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, "done");
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it("keeps no state in modules: no top-level let or var, and a collection that changes is a documented memo", async () => {
    const found: string[] = [];
    for (const file of (await listTree(SCRIPTS)).filter((f) => /\.(ts|mjs)$/.test(f))) {
      const lines = readFileSync(path.join(SCRIPTS, file), "utf8").split("\n");
      const text = lines.join("\n");
      lines.forEach((line, index) => {
        if (/^(export )?(let|var) /.test(line)) found.push(`${file}:${index + 1}: ${line.trim()}`);
        const collection = /^(?:export )?const (\w+)\b[^=]*= new (?:Map|Set|WeakMap|WeakSet)\b/.exec(line);
        if (!collection) return;
        const changed = new RegExp(`\\b${collection[1]}\\.(set|add|delete|clear)\\(`).test(text);
        const memo = lines.slice(Math.max(0, index - 3), index).some((above) => /^\s*\/\/.*\bmemo\b/i.test(above));
        if (changed && !memo) found.push(`${file}:${index + 1}: ${collection[1]} changes but is not a documented memo`);
      });
    }
    expect(found).toEqual([]);
  });
});
