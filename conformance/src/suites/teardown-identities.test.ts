import { describe, expect, it } from "vitest";
import type { Exchange } from "../exchange.js";
import type { TeardownResult } from "../resource-registry.js";
import { exchangesTo, withIdentities } from "./teardown-identities.js";

let seq = 0;
function exchange(method: string, id: string, status: number | undefined): Exchange {
  seq += 1;
  return {
    seq,
    check: "teardown",
    method,
    path: `/${encodeURIComponent(id)}`,
    requestHeaders: {},
    requestBody: undefined,
    startedAt: new Date(0).toISOString(),
    durationMs: 1,
    outcome:
      status === undefined
        ? { kind: "no-answer", afterMs: 1_000 }
        : { kind: "response", status, headers: {}, text: "", json: undefined },
  };
}

const deleted: TeardownResult = { id: "res-1", outcome: "deleted", detail: "DELETE answered 204" };

describe("teardown identities", () => {
  it("finds the exchanges of one method to one id, and no other", () => {
    const log = [
      exchange("PUT", "res-1", 202),
      exchange("DELETE", "res-1", 204),
      exchange("PUT", "res-10", 200),
      exchange("PUT", "res-1", undefined),
    ];
    expect(exchangesTo(log, "PUT", "res-1").map((found) => found.seq)).toEqual([log[0]?.seq, log[3]?.seq]);
    expect(exchangesTo(log, "GET", "res-1")).toEqual([]);
  });

  it("names one instance per DELETE answered 204 without a note", () => {
    const log = [
      exchange("DELETE", "res-1", 204),
      exchange("DELETE", "res-1", 204),
      exchange("DELETE", "res-1", 404),
    ];
    expect(withIdentities(deleted, ["b-1", "b-2"], log, "id")).toEqual({
      ...deleted,
      identities: ["b-1", "b-2"],
    });
  });

  it("says the others may be left when more instances were named than DELETEs answered 204, in the contract's word for the id", () => {
    const log = [exchange("DELETE", "res-1", 204), exchange("DELETE", "res-2", 204)];
    expect(withIdentities(deleted, ["b-1", "b-2"], log, "GUResID").detail).toBe(
      "DELETE answered 204; 2 backend instances were named for this one GUResID and 1 DELETE(s) answered 204: the others may be left",
    );
    expect(withIdentities(deleted, ["b-1", "b-2"], [], "id").detail).toContain(
      "2 backend instances were named for this one id and 0 DELETE(s)",
    );
  });

  it("adds no note to a result that is not deleted", () => {
    const left: TeardownResult = { ...deleted, outcome: "left-behind", detail: "DELETE ended with 500" };
    expect(withIdentities(left, ["b-1", "b-2", "b-3"], [], "id")).toEqual({
      ...left,
      identities: ["b-1", "b-2", "b-3"],
    });
  });
});
