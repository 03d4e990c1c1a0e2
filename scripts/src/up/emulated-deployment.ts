import { UsageError } from "../cli/user-error.js";

/**
 * The deployments `up --emulated-cloud --deployment` can create, as the driver inputs of its one
 * cache. Serverless caches and cluster mode run as Redis Clusters in the local endpoint, as on AWS,
 * so the sample app connects to them with a cluster-aware client.
 */
export const EMULATED_DEPLOYMENTS = {
  "node-based": { deployment: "node-based" },
  serverless: { deployment: "serverless" },
  cluster: { deployment: "node-based", mode: "cluster", shards: 2 },
} as const satisfies Record<string, Readonly<Record<string, unknown>>>;

export type EmulatedDeployment = keyof typeof EMULATED_DEPLOYMENTS;

const NAMES = Object.keys(EMULATED_DEPLOYMENTS) as EmulatedDeployment[];

/** `--deployment`'s value, checked; undefined when the flag is not given. */
export function emulatedDeployment(value: string | undefined): EmulatedDeployment | undefined {
  if (value === undefined) return undefined;
  if (!(NAMES as string[]).includes(value)) {
    throw new UsageError(
      "--deployment",
      `${JSON.stringify(value)} is not ${NAMES.slice(0, -1).join(", ")} or ${NAMES.at(-1) ?? ""}`,
      "e.g. --deployment serverless",
    );
  }
  return value as EmulatedDeployment;
}
