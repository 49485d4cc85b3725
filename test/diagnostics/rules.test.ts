// The rule registry (scripts/diagnostics/rules.ts) is the one list of rules: the code
// emits no rule it does not list, it lists no rule the code never emits, and
// docs/errors.md is exactly what `npm run docs` makes of it. The compiler already
// refuses an unregistered id; the source scan below also catches a cast, a file
// the compiler is not shown, and a registry entry left behind by a removed check.
// (The invalid and hostile fixture tests check the rules their builds emit.)
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validatePaper } from "../../scripts/content/paper-schema.ts";
import { ERRORS_DOC, renderErrorReference } from "../../scripts/diagnostics/reference.ts";
import { FAMILIES, isRuleId, RULES, type RuleId } from "../../scripts/diagnostics/rules.ts";
import type { RawEntry } from "../../scripts/types.ts";
import { listTree } from "../../scripts/util/list-tree.ts";
import { ROOT } from "../support/helpers.ts";

const SCRIPTS = path.join(ROOT, "scripts");
const REGISTRY = "diagnostics/rules.ts";
const FAMILY = Object.keys(FAMILIES)
  .map((f) => f.replace(/[-]/g, "\\-"))
  .join("|");
/** A quoted `family/name` of a known family: how every emission site writes its id. */
const ID_LITERAL = new RegExp(`(["'\`])((?:${FAMILY})/[a-z0-9_-]+)\\1`, "g");
/** Whatever is written after `rule:`, so that an id of a family nobody registered is seen too. */
const RULE_FIELD = /\brule:\s*(["'`])([^"'`$]*)\1/g;
/** A template literal that makes ids at run time, such as `schema/${field}`. */
const ID_TEMPLATE = new RegExp(`\`((?:${FAMILY})/)\\$\\{`, "g");

/** Every id written in scripts/ outside the registry, with where; and the families built at run time. */
async function scanSources(): Promise<{ written: Map<string, string[]>; dynamic: Map<string, string[]> }> {
  const written = new Map<string, string[]>();
  const dynamic = new Map<string, string[]>();
  const note = (map: Map<string, string[]>, key: string, where: string) => map.set(key, [...new Set([...(map.get(key) ?? []), where])]);
  for (const file of (await listTree(SCRIPTS)).filter((f) => /\.(ts|mjs)$/.test(f) && f !== REGISTRY)) {
    const lines = (await readFile(path.join(SCRIPTS, file), "utf8")).split("\n");
    lines.forEach((line, index) => {
      const where = `scripts/${file}:${index + 1}`;
      for (const match of line.matchAll(ID_LITERAL)) note(written, match[2]!, where);
      for (const match of line.matchAll(RULE_FIELD)) note(written, match[2]!, where);
      for (const match of line.matchAll(ID_TEMPLATE)) note(dynamic, match[1]!, where);
    });
  }
  return { written, dynamic };
}

/**
 * The ids a family built at run time really emits, found by running the code that
 * builds them. A new dynamic family needs its own entry here.
 */
const DYNAMIC_EMITTERS: Record<string, (id: RuleId) => string[]> = {
  // `schema/${field}`: a value no field accepts (a list holding a list) gives that field's rule.
  "schema/": (id) => {
    const field = id.slice("schema/".length);
    const data: Record<string, unknown> = { title: "A title", authors: ["An Author"], arxiv: "2501.00001", [field]: [[]] };
    const entry: RawEntry = { path: "content/papers/2025-01-06/x.md", day: "2025-01-06", slug: "x", data, body: "A summary.", bodyLine: 6, lines: {} };
    return validatePaper(entry).diagnostics.map((d) => d.rule);
  },
};

describe("the rule registry", () => {
  it("lists every rule id the code writes", async () => {
    const { written } = await scanSources();
    const unregistered = [...written].filter(([id]) => !isRuleId(id)).map(([id, where]) => `${id} (${where.join(", ")})`);
    expect(unregistered, "add each to scripts/diagnostics/rules.ts, then run npm run docs").toEqual([]);
  });

  it("lists no rule the code never emits", async () => {
    const { written, dynamic } = await scanSources();
    const never: string[] = [];
    for (const id of Object.keys(RULES) as RuleId[]) {
      if (written.has(id)) continue;
      const family = [...dynamic.keys()].find((prefix) => id.startsWith(prefix));
      const emitter = family && DYNAMIC_EMITTERS[family];
      if (!family) never.push(`${id}: written nowhere in scripts/`);
      else if (!emitter) never.push(`${id}: built by ${dynamic.get(family)!.join(", ")}, which this test has no way to run`);
      else if (!emitter(id).includes(id)) never.push(`${id}: not emitted by ${dynamic.get(family)!.join(", ")}`);
    }
    expect(never, "remove the entry from scripts/diagnostics/rules.ts, or emit it").toEqual([]);
  });

  it("proves itself: a dynamic family's emitter gives nothing for a field that does not exist", () => {
    expect(DYNAMIC_EMITTERS["schema/"]!("schema/no-such-field" as RuleId)).not.toContain("schema/no-such-field");
  });

  it("gives every rule a family, a title, a meaning and a fix, written as the reference prints them", () => {
    for (const [id, rule] of Object.entries(RULES)) {
      expect(id, "ids are family/name in lowercase").toMatch(/^[a-z-]+\/[a-z0-9_-]+$/);
      expect(Object.keys(FAMILIES)).toContain(id.split("/")[0]);
      expect(rule.title, `${id}: a title is a few words, without a closing period`).toMatch(/^\S.{2,60}[^.\s]$/);
      for (const text of [rule.means, rule.fix]) expect(text, `${id}: full sentences`).toMatch(/^[A-Z`*"].*[.)]$/s);
    }
  });

  it("matches docs/errors.md, which npm run docs generates", async () => {
    const committed = await readFile(path.join(ROOT, ERRORS_DOC), "utf8").catch(() => "");
    expect(committed === renderErrorReference(), `${ERRORS_DOC} is out of date: run npm run docs and commit the result`).toBe(true);
  });

  it("gives each rule its own anchor in the reference", () => {
    const text = renderErrorReference();
    for (const id of Object.keys(RULES)) expect(text).toContain(`<a id="${id.replace("/", "-")}"></a>\n\n### \`${id}\``);
  });
});
