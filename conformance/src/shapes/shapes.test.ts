import { describe, expect, it } from "vitest";
import type { ResponseOutcome } from "../exchange.js";
import { errorBodyProblems } from "./error-body.js";
import { manifestsProblems, portProblems } from "./output-data.js";
import { isIsoDateTime, progressHintProblems } from "./progress-hint.js";

const response = (text: string): ResponseOutcome => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { kind: "response", status: 400, headers: {}, text, json };
};

describe("errorBodyProblems", () => {
  it("accepts a RES-1xx code, a message and an optional details object", () => {
    expect(
      errorBodyProblems(response('{"error":"RES-101","message":"driver.values.engine: expected valkey"}')),
    ).toEqual([]);
    expect(errorBodyProblems(response('{"error":"RES-199","message":"m","details":{"field":"x"}}'))).toEqual(
      [],
    );
  });

  it.each([
    ['{"error":"E101","message":"m"}', '"error" is "E101"'],
    ['{"error":"RES-201","message":"m"}', '"error" is "RES-201"'],
    ['{"error":"RES-101","message":""}', '"message" must be a non-empty string'],
    ['{"error":"RES-101","message":"m","details":[1]}', '"details", when present, must be an object'],
    ["<html>Internal Server Error</html>", "not a JSON object"],
    ["", "not a JSON object (empty)"],
    ['{"error":"RES-199","message":"boom\\n    at run (/app/x.js:1:2)"}', "stack trace"],
    ['{"error":"RES-199","message":"TypeError: x is not a function"}', "stack trace"],
  ])("rejects %s", (text, problem) => {
    expect(errorBodyProblems(response(text)).join("; ")).toContain(problem);
  });
});

describe("progressHintProblems", () => {
  it("accepts {} and a full hint", () => {
    expect(progressHintProblems({})).toEqual([]);
    expect(
      progressHintProblems({
        status: "creating",
        estimated_completion_time: "2026-11-24T10:05:00Z",
        timeout: "2026-11-24T10:45:00.123+01:00",
        current_time: "2026-11-24T10:00:00Z",
      }),
    ).toEqual([]);
  });

  it("rejects unknown statuses, non-ISO times and non-objects", () => {
    expect(progressHintProblems({ status: "pending" })[0]).toContain('"status" is "pending"');
    expect(progressHintProblems({ timeout: "in 5 minutes" })[0]).toContain('"timeout"');
    expect(progressHintProblems([])[0]).toContain("not a JSON object");
    expect(progressHintProblems(undefined)[0]).toContain("not a JSON object");
  });

  it("knows an ISO 8601 date-time when it sees one", () => {
    expect(isIsoDateTime("2026-11-24T10:05:00Z")).toBe(true);
    expect(isIsoDateTime("2026-13-24T10:05:00Z")).toBe(false);
    expect(isIsoDateTime("1732442700")).toBe(false);
  });
});

describe("OutputData rules", () => {
  it("wants an integer port", () => {
    expect(portProblems({ port: 6379 })).toEqual([]);
    expect(portProblems({})).toEqual([]);
    expect(portProblems({ port: "6379" })[0]).toContain('"6379" (string)');
    expect(portProblems({ port: 6379.5 })).toHaveLength(1);
    expect(portProblems({ port: 70000 })).toHaveLength(1);
  });

  it("wants manifest items with a known location and a data object", () => {
    expect(manifestsProblems({ manifests: [{ location: "container", data: {} }] })).toEqual([]);
    expect(manifestsProblems({ manifests: [{ location: "pod", manifest: {} }] })[0]).toContain("location");
    expect(manifestsProblems({ manifests: [{ location: "volume" }] })[0]).toContain('"data"');
    expect(manifestsProblems({ manifests: {} })[0]).toContain("array");
  });
});
