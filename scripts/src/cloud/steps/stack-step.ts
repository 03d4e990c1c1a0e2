import { StackStatus } from "../../stack/stack-status.js";
import type { CloudContext } from "../cloud-context.js";
import type { Step } from "../run-steps.js";
import { baseStackConfig } from "../stack-config.js";

/** Outputs later steps and `down` rely on; recorded (none is secret) to tell a changed stack. */
export const STACK_OUTPUTS = [
  "vpcId",
  "clusterName",
  "cacheSubnetGroupName",
  "cacheSecurityGroupId",
  "driverRepositoryUrl",
  "sampleAppRepositoryUrl",
] as const;

function applied(context: CloudContext): Record<string, string> {
  return Object.fromEntries(Object.entries(baseStackConfig(context)).map(([key, { value }]) => [key, value]));
}

export const stackStep: Step<CloudContext> = {
  id: "stack",
  title: "Infrastructure: network, EKS cluster, cache network, driver role, image repositories",
  async verify(context, recorded, status) {
    status("reading the stack's outputs");
    context.outputs = await context.deps.runner.outputs();
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    return (
      context.output("kubeconfig") !== undefined &&
      STACK_OUTPUTS.every(
        (name) => context.output(name) !== undefined && context.output(name) === recorded[name],
      ) &&
      same(recorded.config, applied(context))
    );
  },
  async run(context, status) {
    status("starting the update (a first run takes 15–20 minutes, mostly EKS)");
    const tracker = new StackStatus(status, (problem) => status(`error: ${problem}`));
    context.outputs = await context.deps.runner.up(baseStackConfig(context), {
      onEvent: tracker.onEvent,
      ...(context.signal ? { signal: context.signal } : {}),
    });
    const recorded: Record<string, unknown> = { config: applied(context) };
    for (const name of STACK_OUTPUTS) recorded[name] = context.requireOutput(name);
    return recorded;
  },
};
