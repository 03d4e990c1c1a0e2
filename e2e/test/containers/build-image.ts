import { randomUUID } from "node:crypto";
import { GenericContainer, getContainerRuntimeClient } from "testcontainers";

export interface BuildImageOptions {
  /** The build context: a directory whose `.dockerignore` applies. */
  context: string;
  /** Relative to `context`. */
  dockerfile: string;
  /** Image name without a tag; the image is kept as `<repository>:e2e` so the next build reuses its layers. */
  repository: string;
  buildArgs: Record<string, string>;
}

export interface BuiltImage {
  /** `<repository>:e2e`. */
  readonly name: string;
  readonly container: GenericContainer;
  /** Wall-clock time of the build, in ms. */
  readonly buildMs: number;
}

const KEPT_TAG = "e2e";

/**
 * Builds an image with the engine's Docker-compatible build API (the classic builder, which
 * podman's compatibility API also serves) and keeps one image per repository: the new one is built
 * under a tag of its own, so a failed build can never pass off the previous image as its result,
 * then takes over the kept tag, and the image it replaces is removed.
 */
export async function buildImage({
  context,
  dockerfile,
  repository,
  buildArgs,
}: BuildImageOptions): Promise<BuiltImage> {
  const { dockerode } = (await getContainerRuntimeClient()).container;
  const name = `${repository}:${KEPT_TAG}`;
  const buildName = `${repository}:build-${randomUUID()}`;
  const previousId = await dockerode
    .getImage(name)
    .inspect()
    .then(
      (info) => info.Id,
      () => undefined,
    );
  const started = performance.now();
  try {
    await GenericContainer.fromDockerfile(context, dockerfile)
      .withBuildArgs(buildArgs)
      .build(buildName, { deleteOnExit: false });
  } catch (error) {
    throw new Error(
      `building ${dockerfile} (${JSON.stringify(buildArgs)}) failed; rerun with DEBUG=testcontainers:build to see the build output`,
      { cause: error },
    );
  }
  const buildMs = performance.now() - started;
  const built = dockerode.getImage(buildName);
  const { Id: builtId } = await built.inspect();
  await built.tag({ repo: repository, tag: KEPT_TAG });
  await built.remove();
  if (previousId !== undefined && previousId !== builtId) {
    // Best effort: a container of another run may still use the old image.
    await dockerode
      .getImage(previousId)
      .remove()
      .catch(() => undefined);
  }
  return { name, container: new GenericContainer(name), buildMs };
}
