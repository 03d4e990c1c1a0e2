import { randomBytes } from "node:crypto";
import type { CheckSpec } from "../../check.js";
import { assertNoProblems, HarnessError, SkipCheck } from "../../check.js";
import { cookiesSet } from "../../cookie-jar.js";
import { describeExchange, jsonOf, statusOf, type Exchange } from "../../exchange.js";
import { leakedSources } from "../../secrets.js";
import { seconds, type ReadyResource, type V09Suite } from "../../suites/v09-suite.js";
import type { CookieMode } from "../../suites/v09-session.js";
import { outputDifferences } from "./outputs-equal.js";

/** Humanitec's limit on the cookie. */
export const MAX_COOKIE_BYTES = 10 * 1024;

/** Polls a PUT carrying `cookie` to its end and lists how it differs from the ready state. */
async function sameOutputsWith(suite: V09Suite, ready: ReadyResource, cookie: CookieMode, label: string) {
  const operation = await suite.putUntilDone(ready.session, ready.body, { cookie });
  if (operation.gaveUp) {
    throw new HarnessError(`PUT ${label} still answered 202 after ${seconds(operation.elapsedMs)}`);
  }
  const problems: string[] = [];
  if (statusOf(operation.final) !== 200) {
    problems.push(`PUT ${label} ended with ${describeExchange(operation.final)}, expected 200`);
  } else {
    const differences = outputDifferences(ready.outputs, jsonOf(operation.final));
    if (differences.length > 0) problems.push(`PUT ${label}: outputs differ in ${differences.join(", ")}`);
  }
  return { problems, evidence: problems.length > 0 ? [...operation.exchanges] : [] };
}

export const COOKIE_ABSENT_OK: CheckSpec<V09Suite> = {
  id: "COOKIE-ABSENT-OK",
  title: "Without the driver cookie, a PUT on a ready resource still ends in 200 with identical outputs",
  clause: "§1 Driver cookie: the driver must work when the cookie is missing",
  level: "core",
  features: ["cookie"],
  async run(suite) {
    const ready = await suite.mainReady();
    if (!suite.jar.everSet) {
      throw new SkipCheck(
        "the driver set no Set-Humanitec-Driver-Cookie: every request already went without one",
      );
    }
    const { problems, evidence } = await sameOutputsWith(suite, ready, "none", "without a cookie");
    assertNoProblems(problems, evidence);
  },
};

/** A tampered copy: one character in the middle changed. */
function tamper(cookie: string): string {
  const at = Math.floor(cookie.length / 2);
  const replacement = cookie[at] === "A" ? "B" : "A";
  return `${cookie.slice(0, at)}${replacement}${cookie.slice(at + 1)}`;
}

export const COOKIE_FORGED_IGNORED: CheckSpec<V09Suite> = {
  id: "COOKIE-FORGED-IGNORED",
  title: "A forged or tampered driver cookie is ignored: a PUT still ends in 200 with identical outputs",
  clause: "§1 Driver cookie: the driver must work when the cookie is stale or forged",
  level: "core",
  features: ["cookie"],
  async run(suite) {
    const ready = await suite.mainReady();
    const forgeries = [{ label: "with a random cookie", cookie: randomBytes(48).toString("base64url") }];
    const real = suite.jar.get(ready.session.id);
    if (real) forgeries.push({ label: "with a tampered copy of its cookie", cookie: tamper(real) });
    const problems: string[] = [];
    const evidence: Exchange[] = [];
    for (const { label, cookie } of forgeries) {
      const found = await sameOutputsWith(suite, ready, { forged: cookie }, label);
      problems.push(...found.problems);
      evidence.push(...found.evidence);
    }
    assertNoProblems(problems, evidence);
  },
};

export const COOKIE_SIZE: CheckSpec<V09Suite> = {
  id: "COOKIE-SIZE",
  title: "Every Set-Humanitec-Driver-Cookie is under 10 KiB",
  clause: "§1 Driver cookie",
  level: "core",
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
  clause: "§1 Driver cookie: never plaintext credentials",
  level: "core",
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
