import { getContainerRuntimeClient } from "testcontainers";

const FIX = "start Docker, or on Debian run scripts/setup-podman.sh and `source .podman/env`";

/** Why no container runtime can be used here, or undefined when one answers within `timeoutMs`. */
export async function containerRuntimeProblem(timeoutMs = 5_000): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(
      () => resolve(`no container runtime answered within ${timeoutMs} ms; ${FIX}`),
      timeoutMs,
    );
  });
  const probe = getContainerRuntimeClient().then(
    () => undefined,
    (error: unknown) =>
      `no container runtime answers (${error instanceof Error ? error.message : String(error)}); ${FIX}`,
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
