import { describe, expect, it } from "vitest";
import { setUserCommand } from "../engine/acl-user.js";
import { USER_DENIAL_RULES } from "../engine/restricted-commands.js";
import { checkAccessString } from "./access-string.js";

describe("checkAccessString", () => {
  it("accepts ElastiCache access strings and normalises spacing", () => {
    expect(checkAccessString("AccessString", " on  ~app:* &* +@all -flushall ")).toBe(
      "on ~app:* &* +@all -flushall",
    );
    expect(checkAccessString("AccessString", "on %R~read:* +@read +client|list")).toBe(
      "on %R~read:* +@read +client|list",
    );
  });

  it("refuses passwords and reset, which ElastiCache manages, without echoing a password", () => {
    expect(() => checkAccessString("AccessString", "on >secret-value ~* +@all")).toThrow(
      /">…" is not allowed/,
    );
    expect(() => checkAccessString("AccessString", "on >secret-value ~* +@all")).not.toThrow(/secret-value/);
    expect(() => checkAccessString("AccessString", "reset on ~* +@all")).toThrow(/"reset" is not allowed/);
    expect(() => checkAccessString("AccessString", "on nopass ~* +@all")).toThrow(/NoPasswordRequired/);
  });

  it("refuses a category or command the engine does not know, as ACL SETUSER would", () => {
    expect(() => checkAccessString("AccessString", "on ~* +@bogus")).toThrow(
      /"\+@bogus" names an unknown command category/,
    );
    expect(() => checkAccessString("AccessString", "on ~* +@all -nosuchcommand")).toThrow(
      /"-nosuchcommand" names an unknown command/,
    );
    expect(checkAccessString("AccessString", "on ~* -@dangerous +GET +client|setname")).toBe(
      "on ~* -@dangerous +GET +client|setname",
    );
  });

  it("refuses a restricted command, as ElastiCache's RBAC does", () => {
    expect(() => checkAccessString("AccessString", "on ~* +@all -config")).toThrow(/restricts/);
    expect(() => checkAccessString("AccessString", "on ~* +config|get")).toThrow(/restricts/);
  });

  it("refuses what is not a rule", () => {
    expect(() => checkAccessString("AccessString", "on everything")).toThrow(/"everything" is not a valid/);
    expect(() => checkAccessString("AccessString", "   ")).toThrow(/must not be blank/);
  });
});

describe("setUserCommand", () => {
  it("resets the user, then sets its passwords by hash and its rules", () => {
    expect(
      setUserCommand({
        name: "app",
        noPassword: false,
        passwordSha256s: ["aa", "bb"],
        rules: "on ~app:* +@all",
      }),
    ).toEqual([
      "ACL",
      "SETUSER",
      "app",
      "reset",
      "#aa",
      "#bb",
      "on",
      "~app:*",
      "+@all",
      ...USER_DENIAL_RULES,
    ]);
    expect(setUserCommand({ name: "default", noPassword: true, passwordSha256s: [], rules: "off" })).toEqual([
      "ACL",
      "SETUSER",
      "default",
      "reset",
      "nopass",
      "off",
      ...USER_DENIAL_RULES,
    ]);
  });
});
