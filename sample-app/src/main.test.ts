import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { call } from "./testing/http.js";
import { startRedis } from "./testing/redis-process.js";
import { waitFor } from "./testing/wait-for.js";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MAIN = fileURLToPath(new URL("./main.ts", import.meta.url));

function runMain(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = once(child, "exit").then(([code]) => code as number | null);
  return { child, output, exited };
}

describe("main (the CLI entry)", () => {
  it("exits with code 2 and lists every configuration problem", async () => {
    const { output, exited } = runMain({ REDIS_PORT: "abc", REDIS_PASSWORD: "hunter2-secret" });
    expect(await exited).toBe(2);
    expect(output.stderr).toContain("REDIS_HOST: required");
    expect(output.stderr).toContain("REDIS_PORT: must be a whole number");
    expect(output.stderr + output.stdout).not.toContain("hunter2-secret");
  });

  it("shuts down cleanly on SIGTERM", async () => {
    const password = `pw-${randomBytes(12).toString("hex")}`;
    await using redis = await startRedis({ password });
    const { child, output, exited } = runMain({
      PORT: "0",
      REDIS_HOST: redis.host,
      REDIS_PORT: String(redis.port),
      REDIS_PASSWORD: password,
    });
    try {
      const address = await waitFor("the app to log its address", async () => {
        const match = /"address":"(http:[^"]+)"/.exec(output.stdout);
        return match?.[1];
      });
      expect((await call("GET", `${address}/healthz`)).status).toBe(200);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(output.stdout).toContain('"msg":"stopped"');
      expect(output.stdout).not.toContain(password);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
