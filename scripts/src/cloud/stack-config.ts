import { infraKey, type StackConfig } from "../stack/stack-runner.js";
import type { CloudContext } from "./cloud-context.js";

/**
 * The configuration every update of the stack sets. The repositories may be deleted with their
 * images, because `down` must leave nothing behind.
 */
export function baseStackConfig(context: CloudContext): StackConfig {
  const { settings, preflight } = context;
  return {
    "aws:region": { value: preflight.region },
    [infraKey("namespace")]: { value: settings.namespace },
    [infraKey("forceDeleteRepositories")]: { value: "true" },
    ...(settings.certificateArn ? { [infraKey("certificateArn")]: { value: settings.certificateArn } } : {}),
    ...(settings.driverHostname ? { [infraKey("driverHostname")]: { value: settings.driverHostname } } : {}),
  };
}

/** The base configuration and the images' tag: the driver is deployed. */
export function workloadStackConfig(context: CloudContext): StackConfig {
  if (context.imageTag === undefined) throw new Error("no image tag: the images step has not run");
  return { ...baseStackConfig(context), [infraKey("imageTag")]: { value: context.imageTag } };
}

/** The workloads and the cache's outputs: the sample app is deployed on the cache. */
export function sampleAppStackConfig(context: CloudContext): StackConfig {
  const cache = context.cache;
  if (cache === undefined) throw new Error("no cache outputs: the cache step has not run");
  const { values, secrets } = cache.outputs;
  return {
    ...workloadStackConfig(context),
    [infraKey("sampleAppRedisHost")]: { value: values.host },
    [infraKey("sampleAppRedisPort")]: { value: String(values.port) },
    [infraKey("sampleAppRedisTls")]: { value: String(values.tls) },
    ...(secrets.username ? { [infraKey("sampleAppRedisUsername")]: { value: secrets.username } } : {}),
    [infraKey("sampleAppRedisPassword")]: { value: secrets.password, secret: true },
  };
}
