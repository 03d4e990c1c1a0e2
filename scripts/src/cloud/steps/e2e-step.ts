import type { CloudContext } from "../cloud-context.js";
import type { Step } from "../run-steps.js";

/** The e2e suite against the deployment: a check, so it runs every time. */
export const e2eStep: Step<CloudContext> = {
  id: "e2e",
  title: "End-to-end suite against the deployment (creates and deletes a cache of its own)",
  always: true,
  async run(context, status) {
    const env = {
      E2E_DRIVER_URL: await context.driverUrl(),
      E2E_DRIVER_TOKEN: context.driverToken(),
      E2E_SAMPLE_APP_URL: await context.sampleAppUrl(),
      E2E_TIMEOUT_S: String(Math.ceil(context.settings.cacheTimeoutMs / 1_000)),
      E2E_POLL_INTERVAL_S: String(Math.max(1, Math.round(context.settings.pollIntervalMs / 1_000))),
    };
    status("running e2e/test/deployed-stack.test.ts (its output follows)");
    const code = await context.deps.runE2e(env, context.signal);
    if (code !== 0) throw new Error(`the e2e suite failed (exit ${code}); its report is above`);
    return {};
  },
};
