import { getContainerRuntimeClient } from "testcontainers";

/** Worded as every test that needs an engine words it, so a run's skip summary lists one reason. */
const NO_ENGINE =
  "no container engine answers; start Docker, or on Debian run scripts/setup-podman.sh and `source .podman/env`";

/** Why no container runtime can be used here, or undefined when one answers within `timeoutMs`. */
export async function containerRuntimeProblem(timeoutMs = 5_000): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(NO_ENGINE), timeoutMs);
  });
  const probe = getContainerRuntimeClient().then(
    () => undefined,
    () => NO_ENGINE,
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
