export { startDriverProcess, REPO_ROOT, type DriverProcess } from "./harness/driver-process.js";
export {
  startProcess,
  jsonLogField,
  type StartedProcess,
  type StartProcessOptions,
} from "./harness/started-process.js";
export {
  startSampleAppProcess,
  envFromOutputs,
  type SampleAppProcess,
  type RedisOutputs,
} from "./harness/sample-app-process.js";
export { startLocalDriver, type LocalDriver, type LocalDriverOptions } from "./harness/local-driver.js";
export { removeLeftoverInstances } from "./harness/remove-leftover-instances.js";
export {
  HumanitecCaller,
  type DriverAnswer,
  type HumanitecCallerOptions,
} from "./harness/humanitec-caller.js";
export { pollUntil, type Polled, type PollUntilOptions } from "./harness/poll-until.js";
export { parseRedisOutputs } from "./harness/parse-redis-outputs.js";
export type { CacheConsumer, ConsumerSkipped, Readiness, StartConsumer } from "./harness/cache-consumer.js";
export { sampleAppConsumer, type SampleAppConsumerOptions } from "./harness/sample-app-consumer.js";
export { sampleAppClient, type SampleAppAnswer, type SampleAppClient } from "./harness/sample-app-client.js";
export { redisClientConsumer, type RedisClientConsumerOptions } from "./harness/redis-client-consumer.js";
export {
  runLifecycleFlow,
  type AvailableContext,
  type LifecycleFlowOptions,
  type LifecycleObservation,
  type LifecycleStep,
  type LifecycleTimeouts,
  type PhaseTimings,
} from "./harness/lifecycle-flow.js";
export { lifecycleProblems } from "./harness/lifecycle-problems.js";
export {
  describeHint,
  describeLifecycleStep,
  describeOutputs,
  describeReadiness,
} from "./harness/describe-lifecycle-step.js";
export { formatPhaseTable, type PhaseRow } from "./harness/phase-table.js";
export { runSoak, type SoakOptions, type SoakReport, type SoakViolation } from "./soak/run-soak.js";
export { formatSoakSummary } from "./soak/soak-summary.js";
export { planSoak, type LifePlan, type SoakPlan } from "./soak/soak-plan.js";
