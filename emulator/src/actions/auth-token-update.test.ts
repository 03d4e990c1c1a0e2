import { sha256Hex } from "@elasticache-driver-kit/driver/local";
import { describe, expect, it } from "vitest";
import type { AuthTokens } from "../model/resources.js";
import { AwsFault } from "../protocol/aws-fault.js";
import { QueryParams } from "../protocol/query-params.js";
import { nextAuth } from "./auth-token-update.js";

const OLD = "old-token-0123456789";
const NEW = "new-token-0123456789";

const tokens = (overrides: Partial<AuthTokens> = {}): AuthTokens => ({
  sha256s: [sha256Hex(OLD)],
  open: false,
  lastModified: undefined,
  pending: undefined,
  rotated: false,
  ...overrides,
});

const request = (fields: Record<string, string>) => QueryParams.parse(new URLSearchParams(fields).toString());
const next = (fields: Record<string, string>, auth = tokens(), addingGroups = false) =>
  nextAuth(request(fields), { auth, transitEncryption: true }, addingGroups);
const faultOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof AwsFault) return `${error.code}: ${error.message}`;
    throw error;
  }
  return "accepted";
};

describe("nextAuth", () => {
  it("leaves the tokens alone when the request does not mention them", () => {
    expect(next({})).toBeUndefined();
  });

  it("ROTATE (also the default strategy) keeps the current token beside the new one", () => {
    const requests: Record<string, string>[] = [
      { AuthToken: NEW, AuthTokenUpdateStrategy: "ROTATE" },
      { AuthToken: NEW },
    ];
    for (const fields of requests) {
      expect(next(fields)).toMatchObject({
        sha256s: [sha256Hex(OLD), sha256Hex(NEW)],
        open: false,
        pending: "ROTATING",
        rotated: true,
      });
    }
  });

  it("keeps at most two tokens, and keeps an open group open until SET", () => {
    const rotated = tokens({ sha256s: [sha256Hex("a".repeat(16)), sha256Hex(OLD)], rotated: true });
    expect(next({ AuthToken: NEW }, rotated)?.sha256s).toEqual([sha256Hex(OLD), sha256Hex(NEW)]);
    expect(next({ AuthToken: NEW }, tokens({ sha256s: [], open: true }))).toMatchObject({
      sha256s: [sha256Hex(NEW)],
      open: true,
    });
  });

  it("SET after ROTATE leaves only the new token; before it, it is refused", () => {
    expect(next({ AuthToken: NEW, AuthTokenUpdateStrategy: "SET" }, tokens({ rotated: true }))).toMatchObject(
      {
        sha256s: [sha256Hex(NEW)],
        open: false,
        pending: "SETTING",
      },
    );
    expect(faultOf(() => next({ AuthToken: NEW, AuthTokenUpdateStrategy: "SET" }))).toMatch(
      /^InvalidParameterCombination: .*only after ROTATE/,
    );
  });

  it("DELETE is only for moving to RBAC and takes no token", () => {
    expect(next({ AuthTokenUpdateStrategy: "DELETE" }, tokens(), true)).toMatchObject({
      sha256s: [],
      open: true,
    });
    expect(faultOf(() => next({ AuthTokenUpdateStrategy: "DELETE" }))).toMatch(/UserGroupIdsToAdd/);
    expect(
      faultOf(() => next({ AuthTokenUpdateStrategy: "DELETE", AuthToken: NEW }, tokens(), true)),
    ).toMatch(/must not be given/);
  });

  it("names a missing token, an unknown strategy and a token breaking the rules, without echoing it", () => {
    expect(faultOf(() => next({ AuthTokenUpdateStrategy: "ROTATE" }))).toMatch(
      /parameter AuthToken must be provided/,
    );
    expect(faultOf(() => next({ AuthToken: NEW, AuthTokenUpdateStrategy: "SWAP" }))).toMatch(
      /"SWAP" is not valid/,
    );
    const text = faultOf(() => next({ AuthToken: "short@1" }));
    expect(text).toMatch(/^InvalidParameterValue: AuthToken: /);
    expect(text).not.toContain("short@1");
  });
});
