import { execFile } from "node:child_process";
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { listManagedInstances } from "@elasticache-driver-kit/driver/local";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import {
  REPO_ROOT,
  runLifecycleFlow,
  sampleAppConsumer,
  startLocalDriver,
  type LocalDriver,
} from "../src/index.js";

const ORG = "acme-platform";

/** The whole flow, with the sample app, through a driver that wants an authenticated caller. */
async function flowThrough(driver: LocalDriver, token?: string) {
  const observation = await runLifecycleFlow({
    driverUrl: driver.url,
    token,
    values: { tls: true },
    consumer: sampleAppConsumer(),
    pollIntervalMs: 100,
    timeouts: { createMs: 30_000, deleteMs: 30_000, connectMs: 15_000, unavailableMs: 15_000 },
  });
  expect(observation.create.statuses.at(-1)).toBe(200);
  expect(observation.visits).toEqual([1, 2]);
  expect(observation.delete.statuses.at(-1)).toBe(204);
  expect(await listManagedInstances(driver.stateDir)).toEqual({ processes: [], containers: [] });
}

describe("the lifecycle behind caller authentication (process runtime, TLS)", () => {
  it("runs through a driver protected by a secret target path; without it the routes do not exist", async () => {
    const secret = randomBytes(24).toString("hex");
    await using driver = await startLocalDriver({
      LOCAL_RUNTIME: "process",
      DRIVER_AUTH_PATH_SECRET: secret,
    });
    expect(driver.url).toBe(`${driver.origin}/${secret}/`);
    const outside = await fetch(`${driver.origin}/${randomBytes(20).toString("hex")}`, { method: "DELETE" });
    expect(outside.status).toBe(404);
    await flowThrough(driver);
    expect(driver.output()).not.toContain(secret);
  });

  it("runs with Operator-signed JWTs; an unsigned caller gets 401", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
    await using driver = await startLocalDriver({
      LOCAL_RUNTIME: "process",
      DRIVER_AUTH_JWT_KEYS: `operator-1=${pem}`,
      DRIVER_AUTH_JWT_ORG: ORG,
    });
    const refused = await fetch(`${driver.url}${randomBytes(20).toString("hex")}`, { method: "DELETE" });
    expect(refused.status).toBe(401);
    const jwt = await new SignJWT({ orgID: ORG })
      .setProtectedHeader({ alg: "RS256", kid: "operator-1" })
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(privateKey);
    await flowThrough(driver, jwt);
  });
});

/** The checks that show a caller got in (and, with AUTH-401, that others do not): quick to run. */
const AUTH_AND_LIFECYCLE = "AUTH,PUT-CREATE,PUT-200,GET-200,DEL-202";

/** Runs `driver-conformance` as a user would; resolves with its exit code and its results.json. */
async function conformanceCli(args: string[]) {
  const reportDir = await mkdtemp(path.join(tmpdir(), "conformance-auth-"));
  try {
    const run = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "conformance/src/cli.ts", "--quiet", "--report-dir", reportDir, ...args],
      { cwd: REPO_ROOT, env: { ...process.env, CONFORMANCE_TOKEN: "" }, timeout: 120_000 },
    ).then(
      () => 0,
      (error: { code?: number; stderr?: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    const results = JSON.parse(await readFile(path.join(reportDir, "results.json"), "utf8")) as {
      ok: boolean;
      config: { authentication: string };
      results: { id: string; status: string; message?: string }[];
    };
    return { run, results };
  } finally {
    await rm(reportDir, { recursive: true, force: true });
  }
}

describe("the conformance CLI behind caller authentication", () => {
  it("checks a driver behind the secret target path: the URL carries the secret", async () => {
    const secret = randomBytes(24).toString("hex");
    await using driver = await startLocalDriver({
      LOCAL_RUNTIME: "process",
      DRIVER_AUTH_PATH_SECRET: secret,
    });
    const { run, results } = await conformanceCli([
      "--url",
      driver.url,
      "--filter",
      AUTH_AND_LIFECYCLE,
      "--poll-interval",
      "0.1",
    ]);
    expect(run).toBe(0);
    // The secret path is the only credential: the 401 check has none to leave out, so it is skipped.
    expect(results.results.filter((r) => r.id !== "AUTH-401" && r.status !== "pass")).toEqual([]);
    expect(results.results.find((r) => r.id === "AUTH-401")?.message).toMatch(/no credentials given/);
    expect(results.results.find((r) => r.id === "PUT-200-READY")?.status).toBe("pass");
    expect(JSON.stringify(results)).not.toContain(secret);
  });

  it("signs Operator JWTs with --jwt-key, --jwt-kid and --org; AUTH-401 passes", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const dir = await mkdtemp(path.join(tmpdir(), "operator-key-"));
    try {
      const keyFile = path.join(dir, "operator.pem");
      await writeFile(keyFile, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
      await using driver = await startLocalDriver({
        LOCAL_RUNTIME: "process",
        DRIVER_AUTH_JWT_KEYS: `operator-1=${publicKey.export({ type: "spki", format: "pem" }).toString()}`,
        DRIVER_AUTH_JWT_ORG: ORG,
      });
      const args = ["--url", driver.url, "--filter", AUTH_AND_LIFECYCLE, "--poll-interval", "0.1"];
      const jwt = ["--jwt-key", keyFile, "--jwt-kid", "operator-1"];

      const { run, results } = await conformanceCli([...args, ...jwt, "--org", ORG]);
      expect(run).toBe(0);
      expect(results.config.authentication).toBe(`Operator JWT (kid operator-1, org ${ORG})`);
      const statuses = Object.fromEntries(results.results.map((r) => [r.id, r.status]));
      expect(statuses).toMatchObject({ "AUTH-401": "pass", "PUT-200-READY": "pass" });

      // Tokens for another organisation are refused: the lifecycle checks fail with 401s.
      const other = await conformanceCli([...args, ...jwt, "--org", "someone-else"]);
      expect(other.run).toMatchObject({ code: 1 });
      expect(other.results.results.find((r) => r.id === "PUT-200-READY")?.message).toMatch(/401/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
