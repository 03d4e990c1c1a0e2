import { formatDuration } from "../cli/duration.js";
import { UserError } from "../cli/user-error.js";
import { Progress } from "../progress/progress.js";
import { cloudPreflight, type PreflightDeps, type PreflightResult } from "../preflight/cloud-preflight.js";
import { CloudContext, type CloudDeps, type CloudSettings } from "./cloud-context.js";
import { runSteps } from "./run-steps.js";
import { CLOUD_STEPS } from "./steps/cloud-steps.js";
import { UpStateFile, type UpState } from "./up-state.js";

export interface CloudUpInput {
  /** `--region`; else `AWS_REGION`, `AWS_DEFAULT_REGION`. */
  readonly region: string | undefined;
  /** Ignore what an earlier run recorded and check every step again. */
  readonly fresh: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly write: (line: string) => void;
  readonly signal?: AbortSignal;
  /** Progress heartbeat, in ms (default 30 000; 0 in tests). */
  readonly heartbeatMs?: number;
}

/**
 * `up --cloud`: the preflight, then every step in order (stack, images, driver, registration,
 * cache, sample app, e2e), resuming from the state file of an earlier run. Resolves with the exit
 * code; a failed step rejects after saying how to resume or tear down.
 */
export async function cloudUp(
  settings: CloudSettings,
  input: CloudUpInput,
  preflightDeps: PreflightDeps,
  makeDeps: (preflight: PreflightResult) => CloudDeps,
): Promise<number> {
  const progress = new Progress({ write: input.write, heartbeatMs: input.heartbeatMs ?? 30_000 });
  const preflight = await cloudPreflight(
    { region: input.region, env: input.env },
    preflightDeps,
    input.write,
  );
  const deps = makeDeps(preflight);
  const file = UpStateFile.forStack(deps.repoRoot, settings.stack);
  const state = await startingState(file, input.fresh, settings.stack, preflight);
  const done = Object.keys(state.steps).length;
  input.write(
    done === 0
      ? `Up on AWS: stack ${settings.stack}, ${preflight.region}, account ${preflight.account}`
      : `Up on AWS: stack ${settings.stack}, ${preflight.region}, account ${preflight.account}; resuming (${done} steps recorded in ${file.file})`,
  );
  await using context = new CloudContext(settings, preflight, deps, input.signal);
  try {
    await runSteps(CLOUD_STEPS, context, { state, file, progress, now: deps.now });
  } catch (error) {
    const again = "`npm run up -- --cloud` resumes from here; `npm run down` removes what was created";
    if (input.signal?.aborted) {
      input.write(`Interrupted; the steps done so far are recorded. ${again}.`);
      return 130;
    }
    input.write(`Stopped; the steps done so far are recorded. Fix the problem below, then ${again}.`);
    throw error;
  }
  progress.heading(`Up on AWS in ${formatDuration(progress.elapsed())}:`);
  progress.note(
    `driver: ${context.output("driverUrl") ?? "(none)"} (bearer token: pulumi stack output --show-secrets driverAuthToken)`,
  );
  progress.note(
    `sample app: ${context.output("sampleAppUrl") ?? "(none)"}; its page from here: kubectl -n ${settings.namespace} port-forward deployment/sample-app 8080 (kubeconfig: pulumi stack output --show-secrets kubeconfig)`,
  );
  progress.note(`cache: GUResID ${context.guresid}, ${context.cache?.outputs.values.host ?? "?"}`);
  progress.note("`npm run down` removes all of it (caches, network interfaces, then the stack).");
  return 0;
}

async function startingState(
  file: UpStateFile,
  fresh: boolean,
  stack: string,
  preflight: PreflightResult,
): Promise<UpState> {
  const recorded = fresh ? undefined : await file.load();
  if (recorded && (recorded.region !== preflight.region || recorded.account !== preflight.account)) {
    throw new UserError(
      file.file,
      `records stack ${stack} in account ${recorded.account}, ${recorded.region}, but these credentials and region are account ${preflight.account}, ${preflight.region}`,
      `run with --region ${recorded.region} and that account's credentials (or \`npm run down\` there first); --fresh ignores the record`,
    );
  }
  return recorded ?? { version: 1, stack, region: preflight.region, account: preflight.account, steps: {} };
}
