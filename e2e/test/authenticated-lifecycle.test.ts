import { generateKeyPairSync, randomBytes } from "node:crypto";
import { listManagedInstances } from "@elasticache-driver-kit/driver/local";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { runLifecycleFlow, sampleAppConsumer, startLocalDriver, type LocalDriver } from "../src/index.js";

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
