import { describe, expect, it } from "vitest";
import { diffInventory } from "./inventory.js";
import { identityOf, ownSecretKeys, resourceTypeSpec, typeOutputProblems } from "./resource-types.js";

describe("the resource-type catalogue", () => {
  it("knows redis, postgres, mysql, s3 and dns, and checks anything else as generic", () => {
    for (const type of ["redis", "postgres", "mysql", "s3", "dns"])
      expect(resourceTypeSpec(type).type).toBe(type);
    expect(resourceTypeSpec("elasticsearch").type).toBe("generic");
  });

  it("asks for the type's outputs, allows an absent redis username, and keeps secret outputs out of values", () => {
    expect(typeOutputProblems("redis", { host: "h", port: 6379 }, { password: "p" })).toEqual([]);
    expect(typeOutputProblems("s3", { bucket: "b" }, { aws_access_key_id: "k" })).toEqual([
      "values.region is missing: the s3 type defines it as a value output",
      "secrets.aws_secret_access_key is missing: the s3 type defines it as a secret output",
    ]);
    expect(
      typeOutputProblems(
        "postgres",
        { host: "h", port: 5432, name: "db", password: "p" },
        { username: "u", password: "p" },
      ),
    ).toEqual(["values.password is a secret output of the postgres type; it belongs in secrets"]);
    expect(typeOutputProblems("elasticsearch", {}, {})).toEqual([]);
  });

  it("names the backend instance from the type's identifying outputs", () => {
    expect(identityOf("s3", { bucket: "b-1", region: "eu-central-1" })).toBe("bucket=b-1");
    expect(identityOf("redis", { host: "h", port: 6379, tls: true })).toBe("host=h port=6379");
    expect(identityOf("elasticsearch", { endpoint: "https://es" })).toBe("endpoint=https://es");
    expect(identityOf("dns", {})).toBeUndefined();
  });

  it("treats every secret a generic type returns as its own, and only the defined ones for a known type", () => {
    expect(ownSecretKeys("s3", { aws_access_key_id: "k", extra: "x" })).toEqual([
      "aws_access_key_id",
      "aws_secret_access_key",
    ]);
    expect(ownSecretKeys("elasticsearch", { token: "t" })).toEqual(["token"]);
  });
});

describe("diffInventory", () => {
  it("lists what is new and what is gone", () => {
    expect(diffInventory("ls", { lines: ["a", "b"] }, { lines: ["b", "c"] })).toEqual({
      command: "ls",
      added: ["c"],
      removed: ["a"],
      before: 2,
      after: 2,
    });
    expect(diffInventory("ls", { error: "boom" }, { lines: [] }).error).toBe("before the run: boom");
  });
});
