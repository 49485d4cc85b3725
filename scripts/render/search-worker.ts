// The search indexer thread: builds one shard's index file from the documents
// it is sent, while the main thread renders pages (search-index.ts starts it).
import { parentPort } from "node:worker_threads";
import { indexDocuments, type SearchDocument } from "./search-documents.ts";

parentPort!.on("message", ({ id, documents }: { id: number; documents: SearchDocument[] }) => {
  parentPort!.postMessage({ id, text: indexDocuments(documents) });
});
