import { formatAge, formatDuration } from "../cli/duration.js";
import type { Progress, StatusFn } from "../progress/progress.js";
import type { StepResult, UpState, UpStateFile } from "./up-state.js";

/** One resumable step of a long command. */
export interface Step<C> {
  readonly id: string;
  readonly title: string;
  /** A reason not to run this time (e.g. nothing to register with), or undefined. */
  readonly skip?: (context: C) => string | undefined;
  /**
   * Whether what a previous run recorded is still in place; restores what later steps need into
   * the context. Without it, a recorded step always runs again.
   */
  readonly verify?: (context: C, recorded: StepResult, status: StatusFn) => Promise<boolean>;
  /** Does the work; the result is recorded (ids, names, URLs: never a secret). */
  readonly run: (context: C, status: StatusFn) => Promise<StepResult>;
  /** A check rather than something created: runs every time and is not recorded. */
  readonly always?: boolean;
}

export interface RunStepsOptions {
  readonly state: UpState;
  readonly file: UpStateFile;
  readonly progress: Progress;
  readonly now: () => Date;
}

/**
 * Runs the steps in order. A step recorded as done is verified and skipped when it still holds;
 * each completed step is saved at once, so an interruption loses at most the step in progress.
 */
export async function runSteps<C>(
  steps: readonly Step<C>[],
  context: C,
  options: RunStepsOptions,
): Promise<void> {
  const { state, progress } = options;
  for (const step of steps) {
    const reason = step.skip?.(context);
    if (reason !== undefined) {
      progress.skipped(step.title, reason);
      continue;
    }
    const recorded = step.always ? undefined : state.steps[step.id];
    if (recorded && step.verify) {
      progress.heading(`${step.title}: checking the previous run's work`);
      const checking = performance.now();
      const holds = await step.verify(context, recorded.result, (text) => progress.note(`· ${text}`));
      if (holds) {
        const ago = formatAge(options.now().getTime() - Date.parse(recorded.completedAt));
        const took = formatDuration(performance.now() - checking);
        progress.skipped(step.title, `done ${ago} ago and still in place (checked in ${took})`);
        continue;
      }
      progress.note("no longer in place: doing it again");
    }
    const result = await progress.step(step.title, (status) => step.run(context, status));
    if (step.always) continue;
    state.steps[step.id] = { completedAt: options.now().toISOString(), result };
    await options.file.save(state);
  }
}
