// A fork stays a fork, and the tests are about the generator: played in temp
// folders (test/support/fork.ts), a fork replaces the sample with papers of its
// own on other days, changes its title and address, restyles its footer and
// stylesheet in templates/; upstream then changes a generator module and two
// theme templates, one of them the very template the fork overrides. The
// merge has no conflicts, and in the merged fork check, build and verify pass,
// and so does the test suite: tsc and every test file but the slowest (real
// browsers, the benchmark and its peers, npm audit), which CI's fork job runs
// too. See docs/testing.md for why the whole suite is not run here.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  FORK_FOOTER_MARK,
  FORK_PAPERS,
  FORK_STYLE_MARK,
  FORK_TITLE,
  FORK_URL,
  forkCli,
  forkSuite,
  git,
  IN_FORK_VARIABLE,
  rehearseFork,
  UPSTREAM_FOOTER_MARK,
  UPSTREAM_HEADER_MARK,
  type Rehearsal,
} from "../support/fork.ts";
import { tempDir } from "../support/helpers.ts";
import { describeNeeding } from "../support/needs.ts";
import { GIT } from "../support/requirements.ts";

const nested = process.env[IN_FORK_VARIABLE] === "1";

describe.skipIf(nested)("a fork of Paperboy", () => {
  describeNeeding(GIT, "takes upstream's changes with git merge, and its tests stay green", () => {
    let story: Rehearsal;
    beforeAll(async () => {
      story = await rehearseFork(await tempDir("paperboy-fork-", "file"));
    }, 120_000);

    it("merges upstream's change to the generator and the theme without a conflict", async () => {
      expect(story.conflicts).toEqual([]);
      expect(story.merge).not.toMatch(/CONFLICT/);
      // Both histories are in the fork: its own commit and upstream's.
      const log = await git(story.fork, "log", "--format=%s");
      expect(log).toContain("upstream: improve the theme and the generator");
      expect(log).toContain("fork: our own papers, config and look");
      // Upstream's theme change arrived; the fork's override of the footer is still its own.
      expect(await readFile(path.join(story.fork, "scripts/theme/partials/site-header.hbs"), "utf8")).toContain(UPSTREAM_HEADER_MARK);
      const footer = await readFile(path.join(story.fork, "templates/partials/site-footer.hbs"), "utf8");
      expect(footer).toContain(FORK_FOOTER_MARK);
      expect(footer).not.toContain(UPSTREAM_FOOTER_MARK);
    });

    it("checks, builds and verifies the fork's own site, with its own papers, title, address and look", async () => {
      const check = await forkCli(story.fork, "check");
      expect(check.output).toContain(`All ${Object.keys(FORK_PAPERS).length} papers are valid.`);
      expect(check.code).toBe(0);
      const build = await forkCli(story.fork, "build");
      expect(build.output).toMatch(/^Built 3 papers on 2 days/);
      expect(build.code).toBe(0);
      const verify = await forkCli(story.fork, "verify");
      expect(verify.output).toMatch(/^Verified dist\//);
      expect(verify.code).toBe(0);
      const home = await readFile(path.join(story.fork, "dist", "index.html"), "utf8");
      expect(home).toContain(`<title>${FORK_TITLE}</title>`);
      expect(home).toContain(`<link rel="canonical" href="${FORK_URL}">`);
      expect(home).toContain(FORK_FOOTER_MARK);
      expect(home).toContain("February 2, 2026");
      expect(await readFile(path.join(story.fork, "dist", "assets", "style.css"), "utf8")).toContain(FORK_STYLE_MARK);
    }, 120_000);

    it("passes its test suite (all but the slowest files, which CI's fork job runs too)", async () => {
      const suite = await forkSuite(story.fork);
      expect(suite.output, suite.output.slice(-6000)).toMatch(/Test Files\s+(\S+\s+)?\d+ passed/);
      expect(suite.code, suite.output.slice(-6000)).toBe(0);
    }, 900_000);
  });
});
