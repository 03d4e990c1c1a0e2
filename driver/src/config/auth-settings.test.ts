import { generateKeyPairSync } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HUMANITEC_SOURCE_ADDRESSES } from "../security/humanitec-sources.js";
import { parseAuthSettings, type AuthVariables } from "./auth-settings.js";

const SECRET = "s".repeat(40);
const base: AuthVariables = {
  HOST: "0.0.0.0",
  DRIVER_AUTH_JWT_CLOCK_SKEW_S: 30,
  DRIVER_AUTH_JWT_MAX_TTL_S: 3_600,
};

function parse(vars: Partial<AuthVariables>, loopback = false) {
  const problems: string[] = [];
  const auth = parseAuthSettings({ ...base, ...vars }, { cwd: dir, loopback }, problems);
  return { auth, problems };
}

let dir: string;
let pem: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "auth-settings-"));
  pem = generateKeyPairSync("rsa", { modulusLength: 2048 })
    .publicKey.export({ type: "spki", format: "pem" })
    .toString();
  await writeFile(path.join(dir, "operator.pem"), pem);
  await writeFile(
    path.join(dir, "ec.pem"),
    generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "pem" }),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("parseAuthSettings", () => {
  it("infers the modes from the settings given, and combines them", () => {
    const { auth, problems } = parse({
      DRIVER_AUTH_TOKEN: "t".repeat(20),
      DRIVER_AUTH_PATH_SECRET: SECRET,
      DRIVER_AUTH_JWT_KEYS: "k1=operator.pem",
      DRIVER_AUTH_JWT_ORG: "my-org",
      DRIVER_AUTH_SOURCES: "10.0.0.0/8",
    });
    expect(problems).toEqual([]);
    expect([...auth.modes]).toEqual(["path", "jwt", "source", "token"]);
    expect([...(auth.jwt?.keys.keys() ?? [])]).toEqual(["k1"]);
  });

  it("takes inline PEMs and several keys for rotation, and expands the humanitec preset", () => {
    const { auth, problems } = parse({
      DRIVER_AUTH_JWT_KEYS: `old=operator.pem, new=${pem}`,
      DRIVER_AUTH_JWT_ORG: "my-org",
      DRIVER_AUTH_SOURCES: "humanitec, 192.0.2.0/24",
    });
    expect(problems).toEqual([]);
    expect([...(auth.jwt?.keys.keys() ?? [])]).toEqual(["old", "new"]);
    expect(auth.sources).toEqual([...HUMANITEC_SOURCE_ADDRESSES, "192.0.2.0/24"]);
  });

  it("refuses to listen beyond loopback with no mode unless none is explicit", () => {
    expect(parse({}).problems).toEqual([
      expect.stringMatching(/^DRIVER_AUTH: required when the driver listens beyond loopback/),
    ]);
    expect(parse({}, true).problems).toEqual([]);
    expect(parse({ DRIVER_AUTH: "none" }).problems).toEqual([]);
  });

  it.each([
    [
      { DRIVER_AUTH: "none", DRIVER_AUTH_TOKEN: "t".repeat(20) },
      /is `none`, yet settings of the token mode are given/,
    ],
    [
      { DRIVER_AUTH: "none", DRIVER_AUTH_PATH_SECRET: SECRET },
      /is `none`, yet settings of the path mode are given/,
    ],
    [{ DRIVER_AUTH: "none,token" }, /`none` cannot be combined/],
    [
      { DRIVER_AUTH: "jwt", DRIVER_AUTH_JWT_ORG: "o" },
      /DRIVER_AUTH_JWT_KEYS: required when DRIVER_AUTH includes jwt/,
    ],
    [{ DRIVER_AUTH: "jwt", DRIVER_AUTH_JWT_KEYS: "k=operator.pem" }, /DRIVER_AUTH_JWT_ORG: required/],
    [{ DRIVER_AUTH_JWT_KEYS: "operator.pem", DRIVER_AUTH_JWT_ORG: "o" }, /every key needs its key id/],
    [{ DRIVER_AUTH_JWT_KEYS: "k=missing.pem", DRIVER_AUTH_JWT_ORG: "o" }, /key file of kid k does not exist/],
    [{ DRIVER_AUTH_JWT_KEYS: "k=ec.pem", DRIVER_AUTH_JWT_ORG: "o" }, /not an RSA public key/],
    [{ DRIVER_AUTH: "path" }, /DRIVER_AUTH_PATH_SECRET: required/],
    [{ DRIVER_AUTH_PATH_SECRET: "too-short" }, /32 to 256 URL-safe characters/],
    [{ DRIVER_AUTH_PATH_SECRET: `${"a".repeat(32)}/x` }, /32 to 256 URL-safe characters/],
    [{ DRIVER_AUTH: "source" }, /DRIVER_AUTH_SOURCES: required/],
    [{ DRIVER_AUTH_SOURCES: "10.0.0.0/33" }, /"10.0.0.0\/33" is not an IP address or CIDR range/],
    [
      { DRIVER_AUTH: "token", DRIVER_AUTH_TOKEN: "t".repeat(20), DRIVER_AUTH_SOURCES: "10.0.0.0/8" },
      /settings of the source mode are given, but DRIVER_AUTH=token leaves it out/,
    ],
    [{ DRIVER_AUTH: "cookie" }, /unknown mode "cookie"/],
    [
      { DRIVER_AUTH: "token", DRIVER_TRUSTED_PROXIES: "nonsense" },
      /DRIVER_TRUSTED_PROXIES: "nonsense" is not an IP address/,
    ],
  ])("refuses the contradiction %j", (vars, message) => {
    expect(parse(vars as Partial<AuthVariables>).problems.join("\n")).toMatch(message);
  });
});
