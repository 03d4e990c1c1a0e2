import { spawn } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import getPort from "get-port";
import { createClient } from "redis";
import { GenericContainer, Wait } from "testcontainers";
import { timed } from "./stats.js";

async function pingUntilReady(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = createClient({
      socket: { port, host: "127.0.0.1", reconnectStrategy: false, connectTimeout: 500 },
    });
    client.on("error", () => {});
    try {
      await client.connect();
      await client.ping();
      client.destroy();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(2);
    }
  }
}

/**
 * redis-server spawned until PING answers, then killed until it has exited: the floor for the
 * process runtime's create and delete. SIGKILL, not the SIGTERM a graceful stop sends: Redis acts
 * on SIGTERM at its next timer tick (up to 100 ms later), which would flatter the comparison.
 */
export async function rawProcessCost(redisServer: string): Promise<number> {
  const port = await getPort({ host: "127.0.0.1" });
  const started = performance.now();
  const child = spawn(
    redisServer,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  const exited = once(child, "exit");
  try {
    await pingUntilReady(port, 5_000);
    child.kill("SIGKILL");
    await exited;
    return performance.now() - started;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  }
}

/** testcontainers start until Redis is ready, then stop: the floor for the container runtime. */
export async function rawContainerCost(image: string): Promise<number> {
  const [, ms] = await timed(async () => {
    const container = await new GenericContainer(image)
      .withExposedPorts(6379)
      .withCommand(["redis-server", "--protected-mode", "no"])
      .withWaitStrategy(Wait.forLogMessage("Ready to accept connections"))
      .start();
    await pingUntilReady(container.getMappedPort(6379), 5_000);
    await container.stop({ timeout: 0 });
  });
  return ms;
}
