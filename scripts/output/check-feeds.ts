// A built feed → what keeps a feed reader from using it. RSS 2.0 and Atom 1.0
// are read by @rowanmanning/feed-parser, a feed reader's parser from npm, which
// must recognise the format and find a title and, in every item, a title, an
// absolute link and an id; a JSON Feed is checked against what JSON Feed 1.1
// requires (https://www.jsonfeed.org/version/1.1/). Well-formedness is
// check-xml.ts's job.
import { parseFeed } from "@rowanmanning/feed-parser";
import { z } from "zod";

/** The format of a feed, from its file name, or undefined for files that are not feeds. */
export function feedFormat(file: string): "rss" | "atom" | "json" | undefined {
  const name = file.split("/").at(-1);
  return name === "feed.xml" ? "rss" : name === "atom.xml" ? "atom" : name === "feed.json" ? "json" : undefined;
}

const isAbsoluteHttp = (url: string | null | undefined) => {
  try {
    return /^https?:$/.test(new URL(url ?? "").protocol);
  } catch {
    return false;
  }
};

/** Problems a feed reader would have with an RSS 2.0 or Atom 1.0 feed. */
export function xmlFeedProblems(text: string, format: "rss" | "atom"): string[] {
  let feed: ReturnType<typeof parseFeed>;
  try {
    feed = parseFeed(text);
  } catch (error) {
    return [`a feed reader cannot read it: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  const expected = format === "rss" ? { type: "rss", version: "2.0" } : { type: "atom", version: "1.0" };
  if (feed.meta.type !== expected.type || feed.meta.version !== expected.version) {
    problems.push(`is read as ${feed.meta.type} ${feed.meta.version}, not ${expected.type === "rss" ? "RSS" : "Atom"} ${expected.version}`);
  }
  if (!feed.title?.trim()) problems.push("has no title");
  feed.items.forEach((item, index) => {
    const which = `item ${index + 1}`;
    if (!item.title?.trim()) problems.push(`${which} has no title`);
    if (!isAbsoluteHttp(item.url)) problems.push(`${which} has no absolute http(s) link (got ${JSON.stringify(item.url)})`);
    if (!item.id?.trim()) problems.push(`${which} has no id`);
  });
  return problems;
}

const httpUrl = z.string().refine(isAbsoluteHttp, { error: "is not an absolute http(s) URL" });
const rfc3339 = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, { error: "is not an RFC 3339 date" });
const author = z
  .object({ name: z.string().optional(), url: httpUrl.optional(), avatar: httpUrl.optional() })
  .refine((a) => a.name || a.url || a.avatar, { error: "an author needs a name, url or avatar" });

/** JSON Feed 1.1's required and typed fields (extensions, starting with `_`, and other fields pass). */
const JSON_FEED = z.object({
  version: z.literal("https://jsonfeed.org/version/1.1"),
  title: z.string().min(1),
  home_page_url: httpUrl.optional(),
  feed_url: httpUrl.optional(),
  authors: z.array(author).optional(),
  items: z.array(
    z
      .object({
        id: z.string().min(1),
        url: httpUrl.optional(),
        title: z.string().optional(),
        content_html: z.string().optional(),
        content_text: z.string().optional(),
        date_published: rfc3339.optional(),
        date_modified: rfc3339.optional(),
        authors: z.array(author).optional(),
        tags: z.array(z.string()).optional(),
      })
      .refine((item) => item.content_html !== undefined || item.content_text !== undefined, { error: "an item needs content_html or content_text" }),
  ),
});

/** Problems with a JSON Feed, as `field: what is wrong`. */
export function jsonFeedProblems(text: string): string[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return [`is not JSON: ${(error as Error).message}`];
  }
  const result = JSON_FEED.safeParse(data);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "feed"}: ${issue.message}`);
}
