import { execFileSync } from "node:child_process";
import { getContainerRuntimeClient } from "testcontainers";

export type RuntimeName = "process" | "container";

async function containerRuntimeAnswers(): Promise<boolean> {
  try {
    await Promise.race([
      getContainerRuntimeClient(),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), 5_000).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}

function redisServerInstalled(): boolean {
  try {
    execFileSync(process.env.LOCAL_REDIS_SERVER ?? "redis-server", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * Which runtimes the suites run on. The process runtime is always required; the container runtime
 * is skipped (with the reason printed) where none answers, unless KIT_REQUIRE_CONTAINER_RUNTIME=1
 * makes its absence a failure, as in CI.
 */
export async function runtimesUnderTest(): Promise<
  { name: RuntimeName; env: NodeJS.ProcessEnv; skip?: string }[]
> {
  if (!redisServerInstalled()) {
    throw new Error("redis-server is not installed: `apt-get install redis-server` (or brew install redis)");
  }
  const container = await containerRuntimeAnswers();
  if (!container && process.env.KIT_REQUIRE_CONTAINER_RUNTIME === "1") {
    throw new Error("KIT_REQUIRE_CONTAINER_RUNTIME=1 but no container runtime answers (DOCKER_HOST?)");
  }
  return [
    { name: "process", env: { LOCAL_RUNTIME: "process" } },
    {
      name: "container",
      env: { LOCAL_RUNTIME: "container", LOCAL_REDIS_IMAGE: process.env.LOCAL_REDIS_IMAGE ?? "redis:7" },
      ...(container
        ? {}
        : {
            skip: "no container engine answers; start Docker, or on Debian run scripts/setup-podman.sh and `source .podman/env`",
          }),
    },
  ];
}
