import { StackStatus } from "../../stack/stack-status.js";
import type { CloudContext } from "../cloud-context.js";
import type { Step } from "../run-steps.js";
import { workloadStackConfig } from "../stack-config.js";
import { isReady, waitReady } from "./ready-check.js";

export const workloadsStep: Step<CloudContext> = {
  id: "workloads",
  title: "Driver deployed on the cluster (the stack's second update, with the images)",
  async verify(context, recorded, status) {
    if (recorded.imageTag !== context.imageTag || context.output("driverUrl") !== recorded.driverUrl)
      return false;
    status("asking the driver's /readyz");
    return isReady(context, "driver");
  },
  async run(context, status) {
    const tracker = new StackStatus(status, (problem) => status(`error: ${problem}`));
    context.outputs = await context.deps.runner.up(workloadStackConfig(context), {
      onEvent: tracker.onEvent,
      ...(context.signal ? { signal: context.signal } : {}),
    });
    const driverUrl = context.requireOutput("driverUrl");
    await waitReady(context, "driver", status);
    return { imageTag: context.imageTag ?? null, driverUrl };
  },
};
