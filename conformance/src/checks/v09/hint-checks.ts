import type { CheckSpec } from "../../check.js";
import { assertNoProblems, SkipCheck } from "../../check.js";
import { describeExchange, responseOf } from "../../exchange.js";
import { isPlainObject } from "../../shapes/json.js";
import { progressHintProblems } from "../../shapes/progress-hint.js";
import type { V09Suite } from "../../suites/v09-suite.js";

/** A 202 or 409 body that is OutputData in disguise: it carries the resource's outputs. */
function outputDataProblems(body: unknown): string[] {
  if (!isPlainObject(body)) return [];
  return body.resource !== undefined || body.manifests !== undefined
    ? ["the body carries OutputData (resource/manifests), not an AsyncProgressHint"]
    : [];
}

export const HINT_SHAPE: CheckSpec<V09Suite> = {
  id: "HINT-SHAPE",
  title:
    "Every 202 and 409 body is an AsyncProgressHint, never OutputData: a JSON object, status in creating|updating|deleting, ISO 8601 times",
  clause:
    "AsyncProgressHint (202/409 content): All properties are optional, i.e. an empty object is valid. (status: creating|updating|deleting; times: ISO 8601 datetime string)",
  source: "driver-api-0.9",
  level: "contract",
  features: [],
  async run(suite) {
    await suite.exercise();
    const hints = suite.env.log.all().filter((exchange) => {
      const status = responseOf(exchange)?.status;
      return status === 202 || status === 409;
    });
    if (hints.length === 0) throw new SkipCheck("the driver never answered 202 or 409");
    const bad = hints.flatMap((exchange) => {
      const body = responseOf(exchange)?.json;
      return [...progressHintProblems(body), ...outputDataProblems(body)].map((problem) => ({
        exchange,
        problem,
      }));
    });
    assertNoProblems(
      bad.map(({ exchange, problem }) => `${describeExchange(exchange)}: ${problem}`),
      bad.map(({ exchange }) => exchange),
    );
    return `${hints.length} progress hint(s)`;
  },
};
