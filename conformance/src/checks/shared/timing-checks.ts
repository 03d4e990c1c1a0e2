import type { CheckSpec } from "../../check.js";
import { assertNoProblems } from "../../check.js";
import { describeExchange, type Exchange } from "../../exchange.js";
import type { Suite } from "../../suites/suite.js";

/** Past this, a 2020 answer gets a note: a caller's HTTP client may well give up before it. */
const SEED_NOTE_MS = 30_000;

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
  // A synchronous 2020 create may take long by design; how long Humanitec waits is not documented.
  const long = answered.filter((exchange) => exchange.durationMs > SEED_NOTE_MS).length;
  const note =
    suite.profile === "2020" && long > 0
      ? `; ${long} answer(s) took over ${SEED_NOTE_MS / 1000} s, and Humanitec documents no wait for 2020 drivers: such answers risk being cut off`
      : "";
  return `${answered.length} answers, slowest ${Math.round(slowest)} ms${note}`;
}

export const RESP_BOUNDED_TIME: CheckSpec<Suite> = {
  id: "RESP-BOUNDED-TIME",
  title:
    "Every request is answered within the bound (default 3 s; 60 s in the synchronous 2020 profile): slow work answers 202",
  clause:
    "Humanitec documents no request timeout; the kit answers every request within seconds and lets slow work answer 202",
  source: "kit",
  level: "recommendation",
  features: [],
  run: (suite) => assertAnsweredWithin(suite, suite.env.options.requestMs),
};

/** A driver that only starts or reports work stays far below any bound. */
export const RESP_FAST: CheckSpec<Suite> = {
  id: "RESP-FAST",
  title:
    "Every request is answered within the fast bound (default 1 s): creates, updates and deletes only start work, polls only report it",
  clause:
    "a create, update or delete only starts work and a poll only reports it, so the kit answers within a second",
  source: "kit",
  level: "recommendation",
  features: [],
  run: (suite) => assertAnsweredWithin(suite, suite.env.options.fastMs),
};
