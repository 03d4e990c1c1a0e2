import { describe, expect, it } from "vitest";
import { AwsFault } from "./aws-fault.js";
import { QueryParams } from "./query-params.js";

const params = (body: Record<string, string>) => QueryParams.parse(new URLSearchParams(body).toString());

describe("QueryParams", () => {
  it("reads lists and lists of structures the way the SDK flattens them", () => {
    const query = params({
      "UserIds.member.1": "a",
      "UserIds.member.2": "b",
      "Tags.Tag.1.Key": "team",
      "Tags.Tag.1.Value": "core",
      "Tags.Tag.2.Key": "empty",
    });
    expect(query.list("UserIds")).toEqual(["a", "b"]);
    const tags = query.structList("Tags", "Tag")?.map((tag) => [tag.string("Key"), tag.string("Value")]);
    expect(tags).toEqual([
      ["team", "core"],
      ["empty", undefined],
    ]);
  });

  it("tells an empty list from an absent one", () => {
    const query = params({ UserIdsToRemove: "" });
    expect(query.list("UserIdsToRemove")).toEqual([]);
    expect(query.list("UserIdsToAdd")).toBeUndefined();
  });

  it("reads nested structures and typed scalars", () => {
    const query = params({ "AuthenticationMode.Type": "password", Flag: "TRUE", Count: "3" });
    expect(query.struct("AuthenticationMode")?.string("Type")).toBe("password");
    expect(query.struct("Other")).toBeUndefined();
    expect(query.bool("Flag")).toBe(true);
    expect(query.int("Count")).toBe(3);
  });

  it("answers AWS's fault for a missing, blank or mistyped parameter, naming it", () => {
    const query = params({ Blank: " ", Flag: "yes", Count: "many" });
    const faultOf = (read: () => unknown) => {
      try {
        read();
      } catch (error) {
        return error instanceof AwsFault ? `${error.code}: ${error.message}` : String(error);
      }
      return "no fault";
    };
    expect(faultOf(() => query.required("Missing"))).toBe(
      "InvalidParameterValue: The parameter Missing must be provided and must not be blank.",
    );
    expect(faultOf(() => query.required("Blank"))).toMatch(/The parameter Blank must be provided/);
    expect(faultOf(() => query.bool("Flag"))).toMatch(/^InvalidParameterValue: .*Flag.*"yes"/);
    expect(faultOf(() => query.int("Count"))).toMatch(/^InvalidParameterValue: .*Count.*"many"/);
  });
});
