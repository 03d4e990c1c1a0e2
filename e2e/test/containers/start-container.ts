import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import { getContainerRuntimeClient, type GenericContainer, type StartedTestContainer } from "testcontainers";

const KEPT_LOG_CHARS = 8_000;
const START_LABEL = "org.elasticache-driver-kit.e2e-start";

/**
 * Starts `container` and waits for its wait strategy. When that fails, the container is removed
 * here (testcontainers leaves it running when it fails before its wait strategy, e.g. while waiting
 * for port bindings) and the error carries the end of the container's output.
 */
export async function startContainer(
  name: string,
  container: GenericContainer,
): Promise<StartedTestContainer> {
  const startId = randomUUID();
  let output = "";
  const collect = (stream: Readable) => {
    stream.on("data", (chunk: Buffer | string) => {
      output = (output + chunk.toString()).slice(-KEPT_LOG_CHARS);
    });
  };
  try {
    return await container
      .withLabels({ [START_LABEL]: startId })
      .withLogConsumer(collect)
      .start();
  } catch (error) {
    const leftovers = await removeContainers(startId);
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `the ${name} container did not become ready: ${message}${leftovers}\n--- its output ---\n${output}`,
      { cause: error },
    );
  }
}

/** Removes the containers of one start; describes any it could not remove. */
async function removeContainers(startId: string): Promise<string> {
  const { dockerode } = (await getContainerRuntimeClient()).container;
  const found = await dockerode.listContainers({
    all: true,
    filters: { label: [`${START_LABEL}=${startId}`] },
  });
  const results = await Promise.allSettled(
    found.map((info) => dockerode.getContainer(info.Id).remove({ force: true, v: true })),
  );
  const failed = found.filter((_, index) => results[index]?.status === "rejected").map((info) => info.Id);
  return failed.length === 0 ? "" : ` (could not remove container ${failed.join(", ")}; remove it by hand)`;
}
