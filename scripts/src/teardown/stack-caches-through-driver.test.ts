import { afterEach, describe, expect, it } from "vitest";
import { FAKE_DRIVER_TOKEN } from "../../test/support/fake-stack-runner.js";
import { startFakeDriver } from "../../test/support/fake-driver.js";
import { startLoopbackServer, type LoopbackServer } from "../../test/support/loopback-server.js";
import { deleteThroughDriver } from "./stack-caches-through-driver.js";

const G1 = "a".repeat(40);
const G2 = "b".repeat(40);

let driver: LoopbackServer | undefined;
afterEach(async () => {
  await driver?.close();
  driver = undefined;
});

/** A loopback address nothing listens on any more: what a dead port-forward leaves. */
async function deadUrl(): Promise<string> {
  const server = await startLoopbackServer(() => ({ status: 200 }));
  await server.close();
  return `${server.url}/`;
}

describe("deleteThroughDriver", () => {
  it("gets a fresh address once when the driver's stops answering, and finishes through it", async () => {
    driver = await startFakeDriver({ token: FAKE_DRIVER_TOKEN, deletePolls: 1 });
    const live = driver.url;
    let reconnects = 0;
    const failed = await deleteThroughDriver([G1, G2], {
      driverUrl: await deadUrl(),
      token: FAKE_DRIVER_TOKEN,
      timeoutMs: 10_000,
      intervalMs: 5,
      status: () => undefined,
      reconnect: async () => {
        reconnects += 1;
        return `${live}/`;
      },
    });
    expect(failed).toEqual([]);
    expect(reconnects).toBe(1);
    expect(driver.requests.filter((r) => r.method === "DELETE").length).toBeGreaterThanOrEqual(2);
  });

  it("without a way to reconnect, gives up after its timeout and says why", async () => {
    const failed = await deleteThroughDriver([G1], {
      driverUrl: await deadUrl(),
      token: FAKE_DRIVER_TOKEN,
      timeoutMs: 50,
      intervalMs: 5,
      status: () => undefined,
    });
    expect(failed).toEqual([
      { guresid: G1, reason: expect.stringMatching(/^gave up after 0 s waiting for DELETE/) },
    ]);
  });
});
