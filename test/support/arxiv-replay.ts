// A stand-in for arXiv's API on 127.0.0.1: answers `?id_list=<id>` with the
// responses recorded under test/fixtures/arxiv/, in order, repeating the last;
// `?id_list=a,b,c` with one feed of those papers' recorded entries, as arXiv
// batches them; and `?search_query=…&start=…&max_results=…` with a page of a
// scripted search, made of recorded entries and carrying arXiv's
// `opensearch:totalResults`. No test reaches the real arXiv.
import { readFile } from "node:fs/promises";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where the recorded responses live. (Not from helpers.ts, which needs vitest: a script can start this server too.) */
export const ARXIV_FIXTURES = fileURLToPath(new URL("../fixtures/arxiv/", import.meta.url));

/** One recorded answer: a fixture file (or literal body), with its status and headers; `delayMs` holds it back. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  file?: string;
  body?: string;
  delayMs?: number;
}

/** What arXiv answers for each id, as recorded (`2404.19756` is busy once, then answers). */
export const RECORDED: Record<string, Reply[]> = {
  "1706.03762": [{ file: "1706.03762.xml" }],
  "2502.00042": [{ file: "2502.00042.xml" }],
  "2503.00100": [{ file: "2503.00100.xml" }],
  "hep-th/9711200": [{ file: "hep-th-9711200.xml" }],
  "2509.99999": [{ file: "empty.xml" }],
  "0704.0000": [{ status: 400, file: "error.xml" }],
  "2404.19756": [{ status: 503, headers: { "Retry-After": "0" }, file: "503.html" }, { file: "2404.19756.xml" }],
  "2510.04567": [{ file: "2510.04567.xml" }],
  "2510.05123": [{ file: "2510.05123.xml" }],
};

/** A scripted search: the ids of its results, newest first, and answers that come before the results (a 503, a malformed page) at a given `start`. */
export interface SearchScript {
  ids: string[];
  /** What `opensearch:totalResults` says; the number of ids by default. */
  total?: number;
  /** Replies served, once each and in order, for a page's `start` before the page itself. */
  before?: Record<number, Reply[]>;
}

/** A running replay server; `requests` lists each `id_list` asked for (or `search:<query>@<start>+<max>`), in order. */
export interface ReplayServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

async function bodyOf(reply: Reply): Promise<string> {
  return reply.file ? readFile(path.join(ARXIV_FIXTURES, reply.file), "utf8") : (reply.body ?? "");
}

/** The `<entry>` elements of a recorded answer. */
function entriesOf(xml: string): string[] {
  return xml.match(/<entry>[\s\S]*?<\/entry>/g) ?? [];
}

/** A feed in arXiv's current dialect (namespaces declared on the feed) around recorded entries. */
function feedOf(title: string, entries: string[], total: number, start: number): string {
  return `<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/api/replayed</id>
  <title>arXiv Query: ${title.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</title>
  <updated>2025-10-07T06:00:00Z</updated>
  <opensearch:itemsPerPage>${entries.length}</opensearch:itemsPerPage>
  <opensearch:totalResults>${total}</opensearch:totalResults>
  <opensearch:startIndex>${start}</opensearch:startIndex>
${entries.join("\n")}
</feed>
`;
}

function send(res: ServerResponse, reply: Reply, body: string): void {
  const type = reply.file?.endsWith(".html") ? "text/html" : reply.file || body.startsWith("<?xml") ? "application/atom+xml; charset=utf-8" : "text/plain";
  res.writeHead(reply.status ?? 200, { "Content-Type": type, ...reply.headers });
  res.end(body);
}

/** Starts the replay server on a free port of 127.0.0.1. Ids are looked up without their version. */
export async function startArxivReplay(replies: Record<string, Reply[]> = RECORDED, searches: Record<string, SearchScript> = {}): Promise<ReplayServer> {
  const requests: string[] = [];
  const served = new Map<string, number>();
  const next = (key: string, script: Reply[]) => {
    const index = served.get(key) ?? 0;
    served.set(key, index + 1);
    return script[Math.min(index, script.length - 1)]!;
  };
  const held = new Set<NodeJS.Timeout>();
  const answer = (res: ServerResponse, reply: Reply, body: string) => {
    if (!reply.delayMs) return send(res, reply, body);
    const timer = setTimeout(() => {
      held.delete(timer);
      if (!res.destroyed) send(res, reply, body);
    }, reply.delayMs);
    held.add(timer);
  };

  const server = createServer((req, res) => {
    void (async () => {
      const params = new URL(req.url ?? "/", "http://127.0.0.1").searchParams;
      const query = params.get("search_query");
      if (query !== null) {
        const start = Number(params.get("start") ?? 0);
        const max = Number(params.get("max_results") ?? 10);
        requests.push(`search:${query}@${start}+${max}`);
        const script = searches[query];
        if (!script) return send(res, { status: 500 }, `no recorded search for ${query}`);
        const before = script.before?.[start] ?? [];
        const taken = served.get(`search:${query}@${start}`) ?? 0;
        if (taken < before.length) {
          served.set(`search:${query}@${start}`, taken + 1);
          const reply = before[taken]!;
          return answer(res, reply, await bodyOf(reply));
        }
        const entries: string[] = [];
        for (const id of script.ids.slice(start, start + max)) {
          const recorded = replies[id]?.at(-1);
          if (!recorded) return send(res, { status: 500 }, `no recorded response for ${id}`);
          entries.push(...entriesOf(await bodyOf(recorded)));
        }
        return answer(res, {}, feedOf(`search_query=${query}&start=${start}&max_results=${max}`, entries, script.total ?? script.ids.length, start));
      }

      const asked = params.get("id_list") ?? "";
      requests.push(asked);
      const ids = asked.split(",").map((id) => id.replace(/v\d+$/, ""));
      if (ids.length === 1) {
        const script = replies[ids[0]!];
        if (!script) return send(res, { status: 500 }, `no recorded response for ${asked}`);
        const reply = next(ids[0]!, script);
        return answer(res, reply, await bodyOf(reply));
      }
      // A batch: the first id whose next answer is not a success answers for the whole request, as one failing request would.
      const entries: string[] = [];
      for (const id of ids) {
        const script = replies[id];
        if (!script) return send(res, { status: 500 }, `no recorded response for ${id}`);
        const reply = next(id, script);
        const body = await bodyOf(reply);
        if ((reply.status ?? 200) !== 200 || !body.includes("<feed")) return answer(res, reply, body);
        entries.push(...entriesOf(body));
      }
      return answer(res, {}, feedOf(`id_list=${asked}`, entries, entries.length, 0));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/query`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of held) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
