// The plan's shapes: a page to render (template and data) and an output file
// that may not be rendered yet. The render stage makes them; the write stage
// renders and writes them, skipping those whose fingerprint says nothing changed.
import type { CalendarDate, Diagnostic, OutputFile, Paper, PaperBody } from "../types.ts";

/** One page to render: its template and the data it is rendered with. */
export interface PagePlan {
  /** Route relative to the site root (`papers/2510.04567/`). */
  route: string;
  /** File inside the output folder (`papers/2510.04567/index.html`). */
  path: string;
  /** Page template name (`paper` renders `templates/pages/paper.hbs`). */
  template: string;
  context: Record<string, unknown>;
  /** Papers whose summaries the page shows: read from the body store only when the page is rendered. */
  bodies?: readonly Paper[];
  /** What the page adds to its context from those summaries, at render time. */
  complete?: (bodies: ReadonlyMap<Paper, PaperBody>) => Record<string, unknown>;
  /** The newest day whose papers the page shows, for the sitemap. */
  lastModified?: CalendarDate;
}

/** A file of the site that may not be rendered yet. */
export interface PlannedOutput {
  path: string;
  /** Changes whenever what the file is made from changes; absent for files cheaper to render than to fingerprint. */
  fingerprint?: string;
  /** The papers the output shows: after one of them changes in place, `refingerprint` gives the new fingerprint. */
  sources?: ReadonlySet<object>;
  refingerprint?: () => string;
  /** Produces the file's bytes; may throw a `RenderError`. */
  render: () => string | Uint8Array | Promise<string | Uint8Array>;
}

/** A problem found while rendering an output (a template failing), reported as a diagnostic by the build. */
export class RenderError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

/** An eager file as a planned output. */
export function planFile(file: OutputFile): PlannedOutput {
  return { path: file.path, render: () => file.contents };
}
