import type { Readiness } from "./cache-consumer.js";
import type { LifecycleStep } from "./lifecycle-flow.js";
import type { RedisOutputs } from "./sample-app-process.js";

const ms = (value: number) => `${Math.round(value)} ms`;

/** A 202 body in words: "creating, done in about 2 s". */
export function describeHint(hint: unknown): string {
  if (typeof hint !== "object" || hint === null) return "in progress";
  const { status, estimated_completion_time: eta, current_time: now } = hint as Record<string, unknown>;
  const what = typeof status === "string" ? status : "in progress";
  if (typeof eta !== "string") return what;
  // The driver's own clock, when it sends it, so a skewed local clock does not distort the estimate.
  const reference = typeof now === "string" ? Date.parse(now) : Date.now();
  const seconds = Math.max(0, Math.round((Date.parse(eta) - reference) / 1000));
  return Number.isNaN(seconds) ? what : `${what}, done in about ${seconds} s`;
}

/** The outputs with every secret left out: only the names of `secrets` are shown. */
export function describeOutputs(outputs: RedisOutputs): string {
  const { host, port, tls, ca_certificate: ca } = outputs.values;
  const values = [`host ${host}`, `port ${port}`, `tls ${tls}`];
  if (ca) values.push(`ca_certificate (PEM, ${ca.length} characters)`);
  return `values: ${values.join(", ")}; secrets: ${Object.keys(outputs.secrets).join(", ")} (not shown)`;
}

export function describeReadiness(readiness: Readiness): string {
  const status =
    readiness.status === undefined ? (readiness.ready ? "ready" : "not ready") : readiness.status;
  if (readiness.ready)
    return `${status}${readiness.body === undefined ? "" : ` ${JSON.stringify(readiness.body)}`}`;
  const body = readiness.body;
  const kind =
    typeof body === "object" && body !== null && "kind" in body && typeof body.kind === "string"
      ? ` (${body.kind})`
      : "";
  return `${status}${kind}: ${readiness.reason ?? "no reason given"}`;
}

/** One progress line for a person; never contains a secret. */
export function describeLifecycleStep(step: LifecycleStep): string {
  switch (step.step) {
    case "create":
      return step.status === 202 ? `PUT → 202 ${describeHint(step.hint)}` : `PUT → ${step.status}`;
    case "created":
      return `created in ${ms(step.ms)}; outputs: ${describeOutputs(step.outputs)}`;
    case "consumer":
      return `started the ${step.description}, configured only from the outputs`;
    case "consumer-skipped":
      return `not connecting: ${step.reason}`;
    case "connected":
      return `reached the cache ${ms(step.ms)} after its start: readiness ${describeReadiness(step.readiness)}`;
    case "visit":
      return `visit counted: ${step.visits}`;
    case "ready":
      return `readiness before the delete: ${describeReadiness(step.readiness)}`;
    case "delete":
      return step.status === 202 ? `DELETE → 202 ${describeHint(step.hint)}` : `DELETE → ${step.status}`;
    case "deleted":
      return `deleted in ${ms(step.ms)}`;
    case "unavailable":
      return `readiness after the delete: ${describeReadiness(step.readiness)}`;
    case "cleanup":
      return step.problem === undefined
        ? "cleanup: the resource was deleted after the failure"
        : `cleanup: the resource could not be deleted: ${step.problem}`;
  }
}
