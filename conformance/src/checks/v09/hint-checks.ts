import type { CheckSpec } from "../../check.js";
import { assertNoProblems, SkipCheck } from "../../check.js";
import { describeExchange, responseOf } from "../../exchange.js";
import { progressHintProblems } from "../../shapes/progress-hint.js";
import type { V09Suite } from "../../suites/v09-suite.js";

export const HINT_SHAPE: CheckSpec<V09Suite> = {
  id: "HINT-SHAPE",
  title:
    "Every 202 and 409 body is an AsyncProgressHint: a JSON object, status in creating|updating|deleting, ISO 8601 times",
  clause: "§1 AsyncProgressHint",
  level: "core",
  features: [],
  async run(suite) {
    await suite.exercise();
    const hints = suite.env.log.all().filter((exchange) => {
      const status = responseOf(exchange)?.status;
      return status === 202 || status === 409;
    });
    if (hints.length === 0) throw new SkipCheck("the driver never answered 202 or 409");
    const bad = hints.flatMap((exchange) =>
      progressHintProblems(responseOf(exchange)?.json).map((problem) => ({ exchange, problem })),
    );
    assertNoProblems(
      bad.map(({ exchange, problem }) => `${describeExchange(exchange)}: ${problem}`),
      bad.map(({ exchange }) => exchange),
    );
    return `${hints.length} progress hint(s)`;
  },
};
