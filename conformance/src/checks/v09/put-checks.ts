import type { CheckSpec } from "../../check.js";
import { assertNoProblems, SkipCheck } from "../../check.js";
import { describeExchange, jsonOf, statusOf, type Exchange } from "../../exchange.js";
import { seconds, type V09Suite } from "../../suites/v09-suite.js";
import { settledIn200, statusProblems } from "../expect.js";
import { outputDifferences } from "./outputs-equal.js";

/** The 0.9 spec on PUT: one resource per GUResID. */
export const ONE_INSTANCE = "There should only be one instance of a resource for a specific `GUResID`.";
const PUT_200 =
  "PUT 200: The resource was successfully provisioned, or the resource was already provisioned and in the desired state.";

export const PUT_CREATE_202_OR_200: CheckSpec<V09Suite> = {
  id: "PUT-CREATE-202-OR-200",
  title: "A PUT on a new GUResID answers 202 (in progress) or 200 (ready), nothing else",
  clause:
    "202: For GET, PUT, and DELETE endpoints, this code denotes an ongoing asynchronous operation. (200: the resource is available)",
  source: "status-codes",
  level: "contract",
  features: [],
  async run(suite) {
    const { create } = await suite.main();
    assertNoProblems(statusProblems(create.first, [202, 200], "first PUT"), [create.first]);
    return `first PUT: ${describeExchange(create.first)}`;
  },
};

export const PUT_202_REPEAT: CheckSpec<V09Suite> = {
  id: "PUT-202-REPEAT",
  title: "While a create is in progress, repeating the same PUT answers 202 until it answers 200",
  clause:
    "PUT 202: The resource is being provisioned or updated. The caller should repeat the request to determine the status.",
  source: "driver-api-0.9",
  level: "contract",
  features: [],
  async run(suite) {
    const { create } = await suite.main();
    const firstStatus = statusOf(create.first);
    if (firstStatus === 200)
      throw new SkipCheck("the first PUT answered 200: nothing was in progress to repeat");
    if (firstStatus !== 202) {
      throw new SkipCheck(
        `the first PUT answered ${describeExchange(create.first)} (see PUT-CREATE-202-OR-200)`,
      );
    }
    const repeats = create.exchanges.slice(1);
    const bad = repeats.filter((exchange) => statusProblems(exchange, [202, 200]).length > 0);
    assertNoProblems(
      bad.map((exchange) => `a repeated PUT answered ${describeExchange(exchange)}, expected 202 or 200`),
      bad,
    );
    return `${repeats.length} repeat(s) over ${seconds(create.elapsedMs)}`;
  },
};

export const PUT_200_READY: CheckSpec<V09Suite> = {
  id: "PUT-200-READY",
  title: "Repeating the same PUT ends in 200 with an OutputData body within the operation timeout",
  clause: PUT_200,
  source: "driver-api-0.9",
  level: "contract",
  features: [],
  async run(suite) {
    const { create } = await suite.main();
    return `ready after ${settledIn200(create, "PUT", "the driver still answered 202")}`;
  },
};

export const PUT_IDEMPOTENT_OUTPUTS: CheckSpec<V09Suite> = {
  id: "PUT-IDEMPOTENT-OUTPUTS",
  title:
    "Repeating the PUT after ready answers 200 with identical outputs: a ready resource never goes back to 202 or changes",
  clause: PUT_200,
  source: "driver-api-0.9",
  level: "contract",
  features: [],
  async run(suite) {
    const ready = await suite.mainReady();
    const problems: string[] = [];
    const evidence: Exchange[] = [];
    for (let repeat = 1; repeat <= 2; repeat += 1) {
      const put = await ready.session.put(ready.body);
      const found = statusProblems(put, [200], `repeat ${repeat} on the ready resource`);
      if (found.length === 0) {
        const differences = outputDifferences(ready.outputs, jsonOf(put));
        if (differences.length > 0)
          found.push(`repeat ${repeat}: outputs differ in ${differences.join(", ")}`);
      }
      if (found.length > 0) evidence.push(put);
      problems.push(...found);
    }
    assertNoProblems(problems, [ready.exchange, ...evidence]);
  },
};
