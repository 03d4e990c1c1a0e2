import { setTimeout as sleep } from "node:timers/promises";
import { loginProblem, type ReadyOutputs } from "./cache-login.js";
import type { LifePlan } from "./soak-plan.js";
import type { RoundRobinCaller, SoakAnswer } from "./round-robin-caller.js";
import type { ReplicaPair } from "./replica-pair.js";

/** What lives share: the replicas, the caller, the run's bounds and its bookkeeping. */
export interface LifeContext {
  caller: RoundRobinCaller;
  pair: ReplicaPair;
  caPem: string;
  /** Epoch ms by which every life must have ended. */
  deadline: number;
  pollMs: number;
  /** Judges and counts one answer (a wrong one is a violation of `life`). */
  record(life: LifePlan, answer: SoakAnswer): void;
  violate(life: LifePlan, problem: string): void;
  /** A password some answer handed out: it must appear in no log. */
  handedOut(password: string): void;
}

export interface LifeResult {
  guresid: string;
  deployment: LifePlan["deployment"];
  values: Record<string, unknown>;
  /** True when the life ended with 204 and the checks on the way ran. */
  ended: boolean;
  steps: string[];
  ms: number;
}

const inputData = (values: Record<string, unknown>) => ({ type: "redis", driver: { values, secrets: {} } });

function outputsOf(answer: SoakAnswer): ReadyOutputs {
  return (answer.body as { resource: ReadyOutputs }).resource;
}

/** Runs one life to its end (204) or to the run's deadline, checking every answer on the way. */
export async function runLife(life: LifePlan, ctx: LifeContext): Promise<LifeResult> {
  const started = Date.now();
  const steps: string[] = [];
  const result = (ended: boolean): LifeResult => ({
    guresid: life.guresid,
    deployment: life.deployment,
    values: life.values,
    ended,
    steps,
    ms: Date.now() - started,
  });
  const send = async (method: SoakAnswer["method"], values?: Record<string, unknown>, replica?: 0 | 1) => {
    const answer = await ctx.caller.send(
      method,
      life.guresid,
      values === undefined ? undefined : inputData(values),
      replica,
      ctx.deadline,
    );
    ctx.record(life, answer);
    return answer;
  };
  const expired = () => Date.now() > ctx.deadline;

  /** PUT until 200 (or the deadline): the outputs. */
  const putUntilReady = async (values: Record<string, unknown>, first?: SoakAnswer) => {
    let answer = first ?? (await send("PUT", values));
    while (answer.status !== 200) {
      // A 4xx ends a deployment for Humanitec (the answer is already a violation): on to the DELETE.
      if (expired() || (answer.status >= 400 && answer.status < 500 && answer.status !== 409))
        return undefined;
      await sleep(ctx.pollMs);
      answer = await send("PUT", values);
    }
    const outputs = outputsOf(answer);
    ctx.handedOut(outputs.secrets.password);
    return outputs;
  };

  const firsts = life.concurrentFirstPut
    ? await Promise.all([send("PUT", life.values, 0), send("PUT", life.values, 1)])
    : [await send("PUT", life.values)];
  steps.push(`first PUT: ${firsts.map((a) => a.status).join(" + ")}`);
  const ready = firsts.find((answer) => answer.status === 200);

  const outputs = life.deleteDuringCreation
    ? undefined
    : await putUntilReady(life.values, ready ?? firsts.find((answer) => answer.status >= 400));
  if (life.deleteDuringCreation) steps.push("DELETE during creation");
  else if (!outputs) {
    if (expired()) return result(false);
    steps.push("refused; DELETE");
  } else {
    steps.push("ready");
    const login = await loginProblem(outputs, ctx.caPem);
    if (login) ctx.violate(life, `the outputs of the 200 do not log in: ${login}`);
    await expectAgreement(life, ctx, outputs, send);
    if (life.rotate) {
      const rotated = await rotate(life, ctx, outputs, putUntilReady);
      if (!rotated && expired()) return result(false);
      if (rotated) {
        steps.push(`rotated to generation ${String(rotated.values.auth_generation)}`);
        await expectAgreement(life, ctx, rotated.outputs, send);
      } else steps.push("rotation refused; DELETE");
    }
  }

  let answer = await send("DELETE");
  while (answer.status !== 204) {
    if (expired()) return result(false);
    await sleep(ctx.pollMs);
    answer = await send("DELETE");
  }
  steps.push("deleted");
  return result(true);
}

/** Both replicas answer a GET with the same outputs (each within a few polls: statuses are cached briefly). */
async function expectAgreement(
  life: LifePlan,
  ctx: LifeContext,
  outputs: ReadyOutputs,
  send: (method: "GET", values: undefined, replica: 0 | 1) => Promise<SoakAnswer>,
): Promise<void> {
  const wanted = JSON.stringify(outputs);
  for (const replica of [0, 1] as const) {
    const until = Date.now() + 5_000;
    for (;;) {
      const answer = await send("GET", undefined, replica);
      if (answer.replica !== replica) break; // that replica is down: nothing to compare
      if (answer.status === 200 && JSON.stringify(outputsOf(answer)) === wanted) break;
      if (Date.now() > until) {
        const what = `${answer.status}${answer.status === 200 ? " with other outputs" : ""}`;
        ctx.violate(life, `replica ${replica} disagrees: GET still answered ${what} 5 s after the 200`);
        break;
      }
      await sleep(ctx.pollMs);
    }
  }
}

/**
 * Raises `auth_generation` while a client keeps logging in anew with the password last handed out:
 * the old password must work until the new one is handed out, the new one as soon as it is.
 */
async function rotate(
  life: LifePlan,
  ctx: LifeContext,
  before: ReadyOutputs,
  putUntilReady: (values: Record<string, unknown>) => Promise<ReadyOutputs | undefined>,
): Promise<{ outputs: ReadyOutputs; values: Record<string, unknown> } | undefined> {
  const values = { ...life.values, auth_generation: 1 };
  let current = before;
  let stop = false;
  const client = (async () => {
    while (!stop) {
      const using = current;
      const problem = await loginProblem(using, ctx.caPem);
      if (problem) {
        const which =
          using === before ? "the old password, before the new one was handed out," : "the new password";
        ctx.violate(life, `a reconnecting client with ${which} was refused: ${problem}`);
      }
      await sleep(100);
    }
  })();
  try {
    const after = await putUntilReady(values);
    if (!after) return undefined;
    const problem = await loginProblem(after, ctx.caPem);
    if (problem) ctx.violate(life, `the new password was refused as it was handed out: ${problem}`);
    if (after.secrets.password === before.secrets.password)
      ctx.violate(life, "the rotation handed out the old password");
    current = after;
    await sleep(300);
    return { outputs: after, values };
  } finally {
    stop = true;
    await client;
  }
}
