import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCliArgs } from "./cli-args.js";

describe("parseCliArgs", () => {
  it("makes recommendations decisive with --strict and passes --inventory on as a command", () => {
    const command = parseCliArgs(["--url", "http://driver/", "--strict", "--inventory", "aws s3 ls"]);
    expect(command).toMatchObject({ kind: "run", options: { strict: true, inventory: "aws s3 ls" } });
    const plain = parseCliArgs(["--url", "http://driver/"]);
    expect(plain.kind === "run" && plain.options.strict).toBeFalsy();
  });

  it("turns flags into run options, seconds into milliseconds", () => {
    expect(
      parseCliArgs([
        "--url",
        "http://driver/redis/",
        "--profile",
        "2020",
        "--inputs",
        "in.json",
        "--filter",
        "PUT-,DEL-",
        "--filter",
        "OUT-",
        "--disable",
        "CONN-SET-GET",
        "--timeout",
        "1800",
        "--request-timeout",
        "5",
        "--fast-bound",
        "0.5",
        "--poll-interval",
        "0.5",
        "--concurrency",
        "3",
        "--report-dir",
        "out",
      ]),
    ).toEqual({
      kind: "run",
      options: {
        url: "http://driver/redis/",
        profile: "2020",
        inputs: "in.json",
        filter: ["PUT-", "DEL-", "OUT-"],
        disable: ["CONN-SET-GET"],
        reportDir: "out",
        timeouts: { operationMs: 1_800_000, requestMs: 5_000, fastMs: 500, pollIntervalMs: 500 },
        concurrency: 3,
      },
    });
  });

  it("takes the token from the flag or from CONFORMANCE_TOKEN, and defaults the report directory", () => {
    const fromEnv = parseCliArgs(["--url", "http://d/"], { CONFORMANCE_TOKEN: "t0k" });
    expect(fromEnv).toMatchObject({
      kind: "run",
      options: { token: "t0k", reportDir: ".reports/conformance", profile: "v0.9" },
    });
    expect(
      parseCliArgs(["--url", "http://d/", "--token", "flag"], { CONFORMANCE_TOKEN: "env" }),
    ).toMatchObject({
      options: { token: "flag" },
    });
  });

  it("answers --help and --list", () => {
    expect(parseCliArgs(["-h"])).toEqual({ kind: "help" });
    expect(parseCliArgs(["--list", "--profile", "2020"])).toEqual({ kind: "list", profile: "2020" });
  });

  it("names every problem at once", () => {
    expect(() => parseCliArgs(["--profile", "v1", "--timeout", "soon", "--concurrency", "1"])).toThrow(
      /--profile must be one of v0.9, 2020; --url is required; --timeout must be a positive number of seconds; --concurrency/,
    );
    expect(() => parseCliArgs(["--url", "http://d/", "--bogus"])).toThrow(/bogus/);
  });

  it("reads the Operator JWT key and names what goes with it", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cli-args-"));
    try {
      const keyFile = path.join(dir, "key.pem");
      writeFileSync(keyFile, "-----BEGIN PRIVATE KEY-----\n...\n");
      expect(
        parseCliArgs(["--url", "http://d/", "--jwt-key", keyFile, "--jwt-kid", "k1", "--org", "acme"], {
          CONFORMANCE_TOKEN: "ignored-when-a-key-is-given",
        }),
      ).toMatchObject({
        options: {
          operatorJwt: { privateKey: "-----BEGIN PRIVATE KEY-----\n...\n", kid: "k1", org: "acme" },
        },
      });
      expect(() => parseCliArgs(["--url", "http://d/", "--jwt-key", keyFile, "--token", "t"])).toThrow(
        "--token and --jwt-key exclude each other: give one; --jwt-key needs --jwt-kid, the key id the driver knows the key by; --jwt-key needs --org, the organisation the tokens name",
      );
      expect(() =>
        parseCliArgs([
          "--url",
          "http://d/",
          "--jwt-key",
          path.join(dir, "none.pem"),
          "--jwt-kid",
          "k",
          "--org",
          "o",
        ]),
      ).toThrow(/--jwt-key: cannot read .*none\.pem \(ENOENT\)/);
      expect(() => parseCliArgs(["--url", "http://d/", "--org", "o"])).toThrow(
        "--jwt-kid and --org go with --jwt-key",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
