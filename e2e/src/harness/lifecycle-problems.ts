import type { LifecycleObservation } from "./lifecycle-flow.js";

/**
 * What in an observed lifecycle differs from what a workload expects: a fresh cache counts 1 then
 * 2, is ready until the DELETE, and unavailable with a reason after it. Empty when all is well; a
 * skipped consumer is no problem.
 */
export function lifecycleProblems(observation: LifecycleObservation): string[] {
  if (typeof observation.consumer !== "string") return [];
  const problems: string[] = [];
  if (observation.visits.join(",") !== "1,2") {
    problems.push(`two visits counted ${JSON.stringify(observation.visits)}, expected [1,2]`);
  }
  if (!observation.readyBeforeDelete?.ready) {
    problems.push(`not ready before the delete: ${JSON.stringify(observation.readyBeforeDelete)}`);
  }
  const after = observation.readyAfterDelete;
  if (!after || after.ready || !after.reason) {
    problems.push(`after the delete, expected "unavailable" with a reason: ${JSON.stringify(after)}`);
  }
  return problems;
}
