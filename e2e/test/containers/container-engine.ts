import { getContainerRuntimeClient } from "testcontainers";

/** A short description of the container engine when one answers within `timeoutMs`, else undefined. */
export async function containerEngine(timeoutMs: number): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  const probe = getContainerRuntimeClient().then(
    ({ info }) => `${info.containerRuntime.operatingSystem} (engine ${info.containerRuntime.serverVersion})`,
    () => undefined,
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
