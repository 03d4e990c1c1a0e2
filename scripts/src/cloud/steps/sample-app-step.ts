import { StackStatus } from "../../stack/stack-status.js";
import type { CloudContext } from "../cloud-context.js";
import type { Step } from "../run-steps.js";
import { sampleAppStackConfig } from "../stack-config.js";
import { isReady, waitReady } from "./ready-check.js";

export const sampleAppStep: Step<CloudContext> = {
  id: "sample-app",
  title: "Sample app deployed on the cache (the stack's third update)",
  async verify(context, recorded, status) {
    if (
      context.output("sampleAppUrl") !== recorded.sampleAppUrl ||
      recorded.cacheHost !== context.cache?.outputs.values.host ||
      recorded.imageTag !== context.imageTag
    ) {
      return false;
    }
    status("asking the sample app's /readyz");
    return isReady(context, "sample app");
  },
  async run(context, status) {
    const tracker = new StackStatus(status, (problem) => status(`error: ${problem}`));
    context.outputs = await context.deps.runner.up(sampleAppStackConfig(context), {
      onEvent: tracker.onEvent,
      ...(context.signal ? { signal: context.signal } : {}),
    });
    const sampleAppUrl = context.requireOutput("sampleAppUrl");
    await waitReady(context, "sample app", status);
    return {
      sampleAppUrl,
      cacheHost: context.cache?.outputs.values.host ?? null,
      imageTag: context.imageTag ?? null,
    };
  },
};
