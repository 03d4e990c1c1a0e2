import path from "node:path";
import { imageTag } from "../../images/source-version.js";
import type { CloudContext } from "../cloud-context.js";
import type { Step } from "../run-steps.js";

const IMAGES = [
  { name: "driver", dockerfile: "driver/Dockerfile", repository: "driverRepositoryUrl" },
  { name: "sample app", dockerfile: "sample-app/Dockerfile", repository: "sampleAppRepositoryUrl" },
] as const;

/** Build-progress lines worth a status: podman's `STEP 3/9: ...`, BuildKit's `#7 [3/9] ...`. */
const BUILD_STEP = /^(STEP \d+\/\d+:.*|#\d+ \[[^\]]*\d+\/\d+\].*)$/;

export const imagesStep: Step<CloudContext> = {
  id: "images",
  title: "Images: driver and sample app built and pushed",
  async verify(context, recorded, status) {
    const version = await context.deps.sourceVersion();
    if (version.dirty || recorded.commit !== version.commit || typeof recorded.tag !== "string") return false;
    const tag = recorded.tag;
    for (const image of IMAGES) {
      status(`looking for ${image.name} image ${tag}`);
      if (!(await context.deps.registry.hasImage(context.requireOutput(image.repository), tag))) return false;
    }
    context.imageTag = tag;
    return true;
  },
  async run(context, status) {
    const { deps, settings } = context;
    const version = await deps.sourceVersion();
    const tag = imageTag(version, deps.now());
    const credentials = await deps.registry.credentials();
    status(`${deps.tool.name} login ${credentials.registry}`);
    await deps.tool.login(credentials.registry, credentials.username, credentials.password);
    // The nodes' architecture (the stack knows their instance type): an amd64 image on Graviton
    // nodes fails with "exec format error".
    const platform = settings.platform ?? context.output("nodePlatform") ?? "linux/amd64";
    const pushed: Record<string, string> = {};
    for (const image of IMAGES) {
      const reference = `${context.requireOutput(image.repository)}:${tag}`;
      status(`building the ${image.name} image for ${platform}`);
      await deps.tool.build(
        {
          dockerfile: path.join(deps.repoRoot, image.dockerfile),
          context: deps.repoRoot,
          image: reference,
          platform,
        },
        (line) => {
          if (BUILD_STEP.test(line)) status(`building the ${image.name} image: ${line.slice(0, 120)}`);
        },
        context.signal,
      );
      status(`pushing ${reference}`);
      await deps.tool.push(reference, () => {}, context.signal);
      pushed[image.name] = reference;
    }
    context.imageTag = tag;
    return { tag, commit: version.commit, dirty: version.dirty, images: pushed };
  },
};
