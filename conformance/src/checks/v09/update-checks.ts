import type { CheckSpec } from "../../check.js";
import { assertNoProblems, HarnessError } from "../../check.js";
import { describeExchange, jsonOf, statusOf, type Exchange } from "../../exchange.js";
import { isPlainObject } from "../../shapes/json.js";
import { seconds, type V09Suite } from "../../suites/v09-suite.js";
import { statusProblems } from "../expect.js";

export const UPDATE_READY: CheckSpec<V09Suite> = {
  id: "UPDATE-READY",
  title:
    "A PUT with a changed updatable input answers 202 or 200, and repeating it ends in 200 with OutputData",
  clause: "PUT: Creates or updates a resource",
  source: "driver-api-0.9",
  level: "contract",
  features: ["update"],
  async run(suite) {
    const ready = await suite.mainReady();
    const body = suite.changedBody("update");
    const operation = await suite.putUntilDone(ready.session, body);
    if (operation.gaveUp) {
      throw new HarnessError(
        `the update still answered 202 after ${seconds(operation.elapsedMs)}; raise --timeout`,
      );
    }
    const problems = statusProblems(operation.first, [202, 200], "first PUT with the update");
    const evidence: Exchange[] = problems.length > 0 ? [operation.first] : [];
    const bad = operation.exchanges
      .slice(1)
      .filter((exchange) => statusProblems(exchange, [202, 200]).length > 0);
    problems.push(...bad.map((exchange) => `a repeated update PUT answered ${describeExchange(exchange)}`));
    evidence.push(...bad);
    if (statusOf(operation.final) === 200 && !isPlainObject(jsonOf(operation.final))) {
      problems.push("the 200 ending the update has no OutputData body");
      evidence.push(operation.final);
    }
    assertNoProblems(problems, evidence);
    return `updated after ${operation.exchanges.length} PUT(s), ${seconds(operation.elapsedMs)}`;
  },
};
