import type { DriverInputs } from "../../inputs/driver-inputs.js";
import type { UnsupportedOption } from "../provisioner.js";

const ELSEWHERE = "or use the elasticache provisioner";

/** What one local standalone Redis cannot be, all at once. Other cloud-only options are recorded and ignored. */
export function localUnsupported(spec: DriverInputs): UnsupportedOption[] {
  const problems: UnsupportedOption[] = [];
  if (spec.deployment === "shared") {
    problems.push({
      field: "driver.values.deployment",
      problem: 'the local provisioner runs a Redis per resource; "shared" deployments are not available',
      fix: `set deployment to "node-based" for local runs, ${ELSEWHERE}`,
    });
  }
  if (spec.shared_cache !== undefined) {
    problems.push({
      field: "driver.values.shared_cache",
      problem: "the local provisioner has no existing caches to share",
      fix: `remove shared_cache for local runs, ${ELSEWHERE}`,
    });
  }
  if (spec.mode === "cluster") {
    problems.push({
      field: "driver.values.mode",
      problem: 'the local provisioner runs one standalone Redis; "cluster" mode is not available',
      fix: `set mode to "standalone" for local runs, ${ELSEWHERE}`,
    });
  }
  if (spec.shards > 1) {
    problems.push({
      field: "driver.values.shards",
      problem: `the local provisioner runs a single shard, not ${spec.shards}`,
      fix: `set shards to 1 for local runs, ${ELSEWHERE}`,
    });
  }
  if (spec.replicas > 0) {
    problems.push({
      field: "driver.values.replicas",
      problem: `the local provisioner runs no read replicas, not ${spec.replicas}`,
      fix: `set replicas to 0 for local runs, ${ELSEWHERE}`,
    });
  }
  return problems;
}
