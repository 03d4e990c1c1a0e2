import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { runCommand, type CommandResult } from "./run-command.js";

export interface ActionStep {
  readonly id?: string;
  readonly name?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly with?: Readonly<Record<string, string>>;
  readonly shell?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly run?: string;
}

export interface CompositeAction {
  readonly name: string;
  readonly inputs: Readonly<Record<string, { readonly required?: boolean; readonly default?: string }>>;
  readonly runs: { readonly using: string; readonly steps: readonly ActionStep[] };
}

export async function loadAction(file: string): Promise<CompositeAction> {
  return parse(await readFile(file, "utf8")) as CompositeAction;
}

export interface StepContext {
  /** Values of the action's inputs; the others take their defaults. */
  readonly inputs: Readonly<Record<string, string>>;
  /** RUNNER_TEMP, and where the step's GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files go. */
  readonly runnerTemp: string;
  /** GITHUB_WORKSPACE, the step's working directory. */
  readonly workspace: string;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
}

export interface StepResult extends CommandResult {
  /** What the step wrote to GITHUB_OUTPUT. */
  readonly outputs: Record<string, string>;
  /** What the step wrote to GITHUB_STEP_SUMMARY. */
  readonly summary: string;
}

/**
 * The value of the expressions these steps may use: `${{ inputs.NAME }}` and `${{ runner.temp }}`.
 * Anything else is an error, so a step that starts to need more makes the test say so.
 */
function resolve(text: string, action: CompositeAction, context: StepContext): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    if (expression === "runner.temp") return context.runnerTemp;
    const input = /^inputs\.([a-z0-9-]+)$/.exec(expression)?.[1];
    if (input === undefined || !(input in action.inputs)) {
      throw new Error(`unsupported expression in the action: ${expression}`);
    }
    return context.inputs[input] ?? action.inputs[input]?.default ?? "";
  });
}

/** Runs one `run` step of a composite action with bash, as a GitHub runner would. */
export async function runStep(
  action: CompositeAction,
  id: string,
  context: StepContext,
): Promise<StepResult> {
  const step = action.runs.steps.find((candidate) => candidate.id === id);
  if (step?.run === undefined) throw new Error(`the action has no run step with id ${id}`);
  const files = await mkdtemp(path.join(context.runnerTemp, `step-${id}-`));
  const output = path.join(files, "output");
  const summary = path.join(files, "summary");
  await Promise.all([writeFile(output, ""), writeFile(summary, "")]);
  const stepEnv = Object.fromEntries(
    Object.entries(step.env ?? {}).map(([name, value]) => [name, resolve(value, action, context)]),
  );
  const result = await runCommand("bash", ["-c", step.run], {
    cwd: context.workspace,
    env: {
      ...context.env,
      ...stepEnv,
      RUNNER_TEMP: context.runnerTemp,
      GITHUB_WORKSPACE: context.workspace,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
    },
    timeoutMs: context.timeoutMs,
  });
  const outputs = Object.fromEntries(
    (await readFile(output, "utf8"))
      .split("\n")
      .filter((line) => line.includes("="))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
  return { ...result, outputs, summary: await readFile(summary, "utf8") };
}
