import { describe, expect, it } from "vitest";
import { arxivIdMonth, extractArxivId, formatArxivId, parseArxivId } from "../../scripts/util/arxiv-id.ts";

describe("arXiv ids", () => {
  it.each([
    ["2510.04567", { id: "2510.04567" }],
    ["2510.04567v2", { id: "2510.04567", version: 2 }],
    ["0704.0001", { id: "0704.0001" }],
    ["1412.6980", { id: "1412.6980" }],
    ["hep-th/9901001", { id: "hep-th/9901001" }],
    ["math.GT/0309136v3", { id: "math.GT/0309136", version: 3 }],
    ["cond-mat/0102536", { id: "cond-mat/0102536" }],
  ])("parses %s", (text, expected) => {
    expect(parseArxivId(text)).toEqual(expected);
  });

  it.each([
    "2505.1615",
    "2513.01234",
    "1501.1234",
    "1412.12345",
    "0703.0001",
    "2510.04567v0",
    "arXiv:2510.04567",
    "HEP-TH/9901001",
    "hep-th/0704001",
    "hep-th/990100",
    " 2510.04567",
    "2510.04567 v2",
  ])("rejects %s", (text) => {
    expect(parseArxivId(text)).toBeUndefined();
  });

  it("finds the id in what a person pastes", () => {
    expect(extractArxivId("arXiv:2510.04567")).toEqual({ id: "2510.04567" });
    expect(extractArxivId("https://arxiv.org/abs/2510.04567v2")).toEqual({ id: "2510.04567", version: 2 });
    expect(extractArxivId("https://arxiv.org/pdf/2510.04567")).toEqual({ id: "2510.04567" });
    expect(extractArxivId("https://arxiv.org/pdf/2510.04567v1.pdf")).toEqual({ id: "2510.04567", version: 1 });
    expect(extractArxivId("http://arxiv.org/abs/hep-th/9901001")).toEqual({ id: "hep-th/9901001" });
    expect(extractArxivId("https://example.org/abs/2510.04567")).toBeUndefined();
    expect(formatArxivId({ id: "2510.04567", version: 2 })).toBe("2510.04567v2");
  });

  it("reads the year and month an id was assigned, in both schemes", () => {
    expect(arxivIdMonth({ id: "2510.04567", version: 2 })).toEqual({ year: 2025, month: 10 });
    expect(arxivIdMonth({ id: "0704.0001" })).toEqual({ year: 2007, month: 4 });
    expect(arxivIdMonth({ id: "hep-th/9901001" })).toEqual({ year: 1999, month: 1 });
    expect(arxivIdMonth({ id: "math.GT/0309136" })).toEqual({ year: 2003, month: 9 });
  });
});
