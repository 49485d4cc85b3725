// XML text → whatever keeps it from being well-formed, as libxml2 (compiled to
// WebAssembly, from npm) reports it: the parser feed readers and xmllint use,
// run in-process so that no system tool is needed. Nothing is fetched: external
// entities and DTDs are never loaded.
import { ParseOption, XmlDocument, XmlParseError } from "libxml2-wasm";

/** Every well-formedness error in an XML text, as `line:column: message`; empty when it is well-formed. */
export function xmlProblems(text: string): string[] {
  try {
    XmlDocument.fromString(text, { option: ParseOption.XML_PARSE_NONET }).dispose();
    return [];
  } catch (error) {
    if (!(error instanceof XmlParseError)) throw error;
    return error.details.map((d) => `${d.line}:${d.col}: ${d.message.trim()}`);
  }
}
