import type { CheckSpec } from "../../check.js";
import { assertNoProblems } from "../../check.js";
import { describeExchange } from "../../exchange.js";
import type { Suite } from "../../suites/suite.js";

export const RESP_BOUNDED_TIME: CheckSpec<Suite> = {
  id: "RESP-BOUNDED-TIME",
  title:
    "Every request is answered within the bound (default 10 s): no request blocks on the cloud; slow work answers 202",
  clause: "§1 Status codes: every response must come back fast",
  level: "core",
  features: [],
  async run(suite) {
    await suite.exercise();
    const bound = suite.env.options.requestMs;
    const exchanges = suite.env.log.all();
    const slow = exchanges.filter(
      (exchange) =>
        exchange.outcome.kind === "no-answer" ||
        (exchange.outcome.kind === "response" && exchange.durationMs > bound),
    );
    assertNoProblems(
      slow.map((exchange) => `${describeExchange(exchange)} (bound ${bound} ms)`),
      slow,
    );
    const answered = exchanges.filter((exchange) => exchange.outcome.kind === "response");
    const slowest = Math.max(0, ...answered.map((exchange) => exchange.durationMs));
    return `${answered.length} answers, slowest ${Math.round(slowest)} ms`;
  },
};
