// Papers' identities → the papers entered twice (the same arXiv id in any
// version, or the same DOI) and the papers whose pages would land on the same
// address. Each message names both files; the later file by path is the one
// reported, so the report does not depend on the order files were read in.
import { describeIdentifier } from "./paper-schema.ts";
import { byCodeUnit } from "../util/order.ts";
import type { Diagnostic, PaperIdentity } from "../types.ts";

/**
 * Finds papers entered twice (same arXiv id in any version, or same DOI) and
 * papers whose pages would land on the same address. Each message names both files.
 */
export function findDuplicates(papers: readonly PaperIdentity[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const firstBy = new Map<string, PaperIdentity>();
  const claim = (key: string, paper: PaperIdentity, describe: (other: PaperIdentity) => Omit<Diagnostic, "file" | "line">) => {
    const other = firstBy.get(key);
    if (other) {
      const found = describe(other);
      const line = (found.field === "arxiv" || found.field === "doi" ? paper.lines[found.field] : undefined) ?? 1;
      diagnostics.push({ file: paper.path, line, ...found });
    } else firstBy.set(key, paper);
  };
  const ordered = [...papers].sort((a, b) => byCodeUnit(a.path, b.path));
  for (const paper of ordered) {
    if (paper.arxiv) {
      claim(`arxiv:${paper.arxiv.id}`, paper, (other) => ({
        field: "arxiv",
        rule: "content/duplicate-paper",
        message: `${describeIdentifier(paper)} is already in the digest as ${other.path}`,
        fix: "a paper is listed once; delete this file, or keep it and delete the other",
      }));
    }
    if (paper.doi) {
      claim(`doi:${paper.doi.toLowerCase()}`, paper, (other) => ({
        field: "doi",
        rule: "content/duplicate-paper",
        message: `DOI ${paper.doi} is already in the digest as ${other.path}`,
        fix: "a paper is listed once; delete this file, or keep it and delete the other",
      }));
    }
    // arXiv ids and slugs cannot look alike, so only slug-addressed papers can collide here.
    if (!paper.arxiv)
      claim(`route:${paper.id}`, paper, (other) => ({
        rule: "content/duplicate-route",
        message: `this paper's page would be papers/${paper.id}/, which ${other.path} already uses`,
        fix: "rename one of the two files so their slugs differ",
      }));
  }
  return diagnostics;
}
