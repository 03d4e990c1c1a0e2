import type { DriverInputs } from "../../inputs/driver-inputs.js";

const ELSEWHERE = "or use an ElastiCache provisioner";

/** What one local standalone Redis cannot be. Other cloud-only options are recorded and ignored. */
export function localUnsupported(
  spec: DriverInputs,
): { field: string; problem: string; fix: string } | undefined {
  if (spec.mode === "cluster") {
    return {
      field: "driver.values.mode",
      problem: 'the local provisioner runs one standalone Redis; "cluster" mode is not available',
      fix: `set mode to "standalone" for local runs, ${ELSEWHERE}`,
    };
  }
  if (spec.shards > 1) {
    return {
      field: "driver.values.shards",
      problem: `the local provisioner runs a single shard, not ${spec.shards}`,
      fix: `set shards to 1 for local runs, ${ELSEWHERE}`,
    };
  }
  if (spec.replicas > 0) {
    return {
      field: "driver.values.replicas",
      problem: `the local provisioner runs no read replicas, not ${spec.replicas}`,
      fix: `set replicas to 0 for local runs, ${ELSEWHERE}`,
    };
  }
  return undefined;
}
