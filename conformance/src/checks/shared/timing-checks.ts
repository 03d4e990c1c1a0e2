import type { CheckSpec } from "../../check.js";
import { assertNoProblems } from "../../check.js";
import { describeExchange, type Exchange } from "../../exchange.js";
import type { Suite } from "../../suites/suite.js";

/** Fails with every exchange slower than `boundMs` or never answered; passes with the slowest time. */
async function assertAnsweredWithin(suite: Suite, boundMs: number): Promise<string> {
  await suite.exercise();
  const exchanges = suite.env.log.all();
  const slow = exchanges.filter(
    (exchange: Exchange) =>
      exchange.outcome.kind === "no-answer" ||
      (exchange.outcome.kind === "response" && exchange.durationMs > boundMs),
  );
  assertNoProblems(
    slow.map((exchange) => `${describeExchange(exchange)} (bound ${boundMs} ms)`),
    slow,
  );
  const answered = exchanges.filter((exchange) => exchange.outcome.kind === "response");
  const slowest = Math.max(0, ...answered.map((exchange) => exchange.durationMs));
  return `${answered.length} answers, slowest ${Math.round(slowest)} ms`;
}

export const RESP_BOUNDED_TIME: CheckSpec<Suite> = {
  id: "RESP-BOUNDED-TIME",
  title:
    "Every request is answered within the bound (default 3 s): no request blocks on the cloud; slow work answers 202",
  clause: "§1 Status codes: every response must come back fast",
  level: "core",
  features: [],
  run: (suite) => assertAnsweredWithin(suite, suite.env.options.requestMs),
};

/** Optional because the contract names no number; a driver that only starts or reports work stays far below it. */
export const RESP_FAST: CheckSpec<Suite> = {
  id: "RESP-FAST",
  title:
    "Every request is answered within the fast bound (default 1 s): creates, updates and deletes only start work, polls only report it",
  clause: "§1 Status codes: every response must come back fast",
  level: "optional",
  features: [],
  run: (suite) => assertAnsweredWithin(suite, suite.env.options.fastMs),
};
