// A stand-in for arXiv's API on 127.0.0.1: answers `?id_list=<id>` with the
// responses recorded under test/fixtures/arxiv/, in order, repeating the last.
// No test reaches the real arXiv.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { FIXTURES } from "./helpers.ts";

/** Where the recorded responses live. */
export const ARXIV_FIXTURES = path.join(FIXTURES, "arxiv");

/** One recorded answer: a fixture file (or literal body), with its status and headers. */
export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  file?: string;
  body?: string;
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
};

/** A running replay server; `requests` lists each `id_list` asked for, in order. */
export interface ReplayServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** Starts the replay server on a free port of 127.0.0.1. Ids are looked up without their version. */
export async function startArxivReplay(replies: Record<string, Reply[]> = RECORDED): Promise<ReplayServer> {
  const requests: string[] = [];
  const served = new Map<string, number>();
  const server = createServer((req, res) => {
    void (async () => {
      const asked = new URL(req.url ?? "/", "http://127.0.0.1").searchParams.get("id_list") ?? "";
      requests.push(asked);
      const id = asked.replace(/v\d+$/, "");
      const script = replies[id];
      if (!script) {
        res.writeHead(500, { "Content-Type": "text/plain" });
        res.end(`no recorded response for ${asked}`);
        return;
      }
      const index = served.get(id) ?? 0;
      served.set(id, index + 1);
      const reply = script[Math.min(index, script.length - 1)]!;
      const body = reply.file ? await readFile(path.join(ARXIV_FIXTURES, reply.file)) : (reply.body ?? "");
      const type = reply.file?.endsWith(".html") ? "text/html" : reply.file ? "application/atom+xml; charset=utf-8" : "text/plain";
      res.writeHead(reply.status ?? 200, { "Content-Type": type, ...reply.headers });
      res.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/query`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
