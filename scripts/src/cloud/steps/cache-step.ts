import { describeHint, HumanitecCaller, parseRedisOutputs } from "@elasticache-driver-kit/e2e";
import type { CloudContext } from "../cloud-context.js";
import type { Step } from "../run-steps.js";
import { waitFor, type Look } from "../wait-for.js";

const INPUT_DATA = { type: "redis", driver: { values: {}, secrets: {} } };

/** One PUT, as Humanitec sends it: 200 gives the outputs, 202 a progress hint, anything else stops. */
async function lookCache(context: CloudContext, caller: HumanitecCaller): Promise<Look<true>> {
  const { guresid } = context;
  let answer;
  try {
    answer = await caller.put(guresid, INPUT_DATA, context.signal);
  } catch (error) {
    await context.dropForwards();
    throw error;
  }
  if (answer.status === 200) {
    context.cache = { guresid, outputs: parseRedisOutputs(answer.body, guresid) };
    return { done: true, value: true };
  }
  if (answer.status === 202) return { done: false, seen: `PUT → 202 ${describeHint(answer.body)}` };
  return {
    done: "failed",
    error: new Error(`PUT ${guresid} answered ${answer.status}: ${answer.text.slice(0, 500)}`),
  };
}

async function caller(context: CloudContext): Promise<HumanitecCaller> {
  return new HumanitecCaller({
    driverUrl: await context.driverUrl(),
    token: context.driverToken(),
    requestTimeoutMs: 30_000,
  });
}

export const cacheStep: Step<CloudContext> = {
  id: "cache",
  title:
    "A cache created through the deployed driver (PUT repeated while 202; ElastiCache takes 10–20 minutes)",
  async verify(context, recorded, status) {
    if (recorded.guresid !== context.guresid) return false;
    status(`PUT ${context.guresid} once`);
    try {
      return (await lookCache(context, await caller(context))).done === true;
    } catch {
      return false;
    }
  },
  async run(context, status) {
    const put = await caller(context);
    await waitFor(() => lookCache(context, put), {
      what: `PUT ${context.guresid} to answer 200`,
      timeoutMs: context.settings.cacheTimeoutMs,
      intervalMs: context.settings.pollIntervalMs,
      status,
      signal: context.signal,
    });
    const values = context.cache?.outputs.values;
    return {
      guresid: context.guresid,
      host: values?.host ?? null,
      port: values?.port ?? null,
      tls: values?.tls ?? null,
    };
  },
};
