import type { CheckSpec } from "../../check.js";
import { assertNoProblems, SkipCheck } from "../../check.js";
import { cookiesSet } from "../../cookie-jar.js";
import { describeExchange, jsonOf, statusOf, type Exchange } from "../../exchange.js";
import { identityOf } from "../../resource-types.js";
import { leakedSources } from "../../secrets.js";
import { isPlainObject } from "../../shapes/json.js";
import { seconds, type CookieProbe, type CookieProbes, type V09Suite } from "../../suites/v09-suite.js";
import { outputDifferences } from "./outputs-equal.js";
import { ONE_INSTANCE } from "./put-checks.js";

/** Humanitec's limit on the cookie. */
export const MAX_COOKIE_BYTES = 10 * 1024;

function identityIn(type: string, body: unknown): string | undefined {
  return isPlainObject(body) && isPlainObject(body.resource)
    ? identityOf(type, body.resource.values)
    : undefined;
}

async function readyProbes(
  suite: V09Suite,
): Promise<CookieProbes & { ready: NonNullable<CookieProbes["ready"]> }> {
  const probes = await suite.cookieProbes();
  if (!probes.ready) throw new SkipCheck(`needs a ready resource of its own: ${probes.notReady ?? "none"}`);
  return { ...probes, ready: probes.ready };
}

export const COOKIE_LOSS_ONE_RESOURCE: CheckSpec<V09Suite> = {
  id: "COOKIE-LOSS-ONE-RESOURCE",
  title:
    "A PUT on a ready resource without its cookie, or with a forged one, converges and never yields another backend instance",
  clause: ONE_INSTANCE,
  source: "driver-api-0.9",
  level: "contract",
  features: [],
  async run(suite) {
    const { ready, probes } = await readyProbes(suite);
    const type = suite.inputs.type;
    const original = identityIn(type, ready.outputs);
    const problems: string[] = [];
    const evidence: Exchange[] = [];
    for (const { label, operation } of probes) {
      if (operation.gaveUp) {
        problems.push(
          `PUT ${label} never converged: the ready resource answered 202 for ${seconds(operation.elapsedMs)} (${operation.exchanges.length} answers)`,
        );
        evidence.push(operation.first, operation.final);
        continue;
      }
      if (statusOf(operation.final) !== 200) continue;
      const now = identityIn(type, jsonOf(operation.final));
      if (original !== undefined && now !== undefined && now !== original) {
        problems.push(`PUT ${label} answered another backend instance: ${now}, not ${original}`);
        evidence.push(operation.final);
      }
    }
    assertNoProblems(problems, [ready.exchange, ...evidence]);
    return original === undefined
      ? `${probes.length} probe(s) converged; the outputs name no instance to compare`
      : `${probes.length} probe(s), all on ${original}`;
  },
};

/** Problems with one probe against the recommendation: it ends in 200 with identical outputs. */
function sameOutputsProblems(probe: CookieProbe, outputs: Record<string, unknown>): string[] {
  const { label, operation } = probe;
  if (operation.gaveUp) return [`PUT ${label} still answered 202 after ${seconds(operation.elapsedMs)}`];
  if (statusOf(operation.final) !== 200)
    return [`PUT ${label} ended with ${describeExchange(operation.final)}, expected 200`];
  const differences = outputDifferences(outputs, jsonOf(operation.final));
  return differences.length > 0 ? [`PUT ${label}: outputs differ in ${differences.join(", ")}`] : [];
}

export const COOKIE_ABSENT_OK: CheckSpec<V09Suite> = {
  id: "COOKIE-ABSENT-OK",
  title: "Without the driver cookie, a PUT on a ready resource still ends in 200 with identical outputs",
  clause:
    "Humanitec sends no cookie once one was set empty; the kit's driver keeps its state where a lost cookie cannot lose it",
  source: "kit",
  level: "recommendation",
  features: ["cookie"],
  async run(suite) {
    const { ready, probes, cookieSet } = await readyProbes(suite);
    if (!cookieSet) {
      throw new SkipCheck(
        "the driver set no Set-Humanitec-Driver-Cookie: every request already went without one",
      );
    }
    const probe = probes.find((item) => item.cookie === "none");
    if (!probe) throw new SkipCheck("no PUT without a cookie was sent");
    assertNoProblems(sameOutputsProblems(probe, ready.outputs), [...probe.operation.exchanges]);
  },
};

export const COOKIE_FORGED_IGNORED: CheckSpec<V09Suite> = {
  id: "COOKIE-FORGED-IGNORED",
  title: "A forged or tampered driver cookie is ignored: a PUT still ends in 200 with identical outputs",
  clause:
    "the cookie travels through Humanitec and back; the kit's driver authenticates it and trusts nothing unsigned",
  source: "kit",
  level: "recommendation",
  features: ["cookie"],
  async run(suite) {
    const { ready, probes } = await readyProbes(suite);
    const forged = probes.filter((item) => item.cookie !== "none");
    const problems = forged.flatMap((probe) => sameOutputsProblems(probe, ready.outputs));
    assertNoProblems(
      problems,
      forged.flatMap((probe) =>
        sameOutputsProblems(probe, ready.outputs).length > 0 ? [...probe.operation.exchanges] : [],
      ),
    );
  },
};

export const COOKIE_SIZE: CheckSpec<V09Suite> = {
  id: "COOKIE-SIZE",
  title: "Every Set-Humanitec-Driver-Cookie is under 10 KiB",
  clause: "Set-Humanitec-Driver-Cookie: Any string less than 10kB (10240bytes) in length.",
  source: "driver-api-0.9",
  level: "contract",
  features: ["cookie"],
  async run(suite) {
    await suite.exercise();
    const cookies = cookiesSet(suite.env.log.all());
    if (cookies.length === 0) throw new SkipCheck("the driver set no Set-Humanitec-Driver-Cookie");
    const tooBig = cookies.filter(({ cookie }) => Buffer.byteLength(cookie, "utf8") >= MAX_COOKIE_BYTES);
    assertNoProblems(
      tooBig.map(
        ({ exchange, cookie }) =>
          `${describeExchange(exchange)} set a ${Buffer.byteLength(cookie, "utf8")}-byte cookie (limit ${MAX_COOKIE_BYTES})`,
      ),
      tooBig.map(({ exchange }) => exchange),
    );
    return `${cookies.length} cookie(s), largest ${Math.max(...cookies.map(({ cookie }) => cookie.length))} bytes`;
  },
};

export const COOKIE_NO_SECRET: CheckSpec<V09Suite> = {
  id: "COOKIE-NO-SECRET",
  title:
    "The driver cookie holds no secret: neither a returned credential nor the account secrets sent, plain or encoded",
  clause:
    "Humanitec stores the cookie and sends it on every call; the kit keeps credentials out of it (sealed, never plain)",
  source: "kit",
  level: "recommendation",
  features: ["cookie"],
  async run(suite) {
    await suite.exercise();
    const cookies = cookiesSet(suite.env.log.all());
    if (cookies.length === 0) throw new SkipCheck("the driver set no Set-Humanitec-Driver-Cookie");
    const sensitive = suite.sensitive();
    const leaks = cookies.flatMap(({ exchange, cookie }) =>
      leakedSources(cookie, sensitive).map((source) => ({ exchange, source })),
    );
    assertNoProblems(
      leaks.map(
        ({ exchange, source }) => `the cookie set by ${describeExchange(exchange)} contains ${source}`,
      ),
      leaks.map(({ exchange }) => exchange),
    );
  },
};
