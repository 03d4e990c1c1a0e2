import type { CheckSpec } from "../../check.js";
import { assertNoProblems, CheckFailure, SkipCheck } from "../../check.js";
import { describeExchange, jsonOf, statusOf, type Exchange } from "../../exchange.js";
import { differingPaths, isPlainObject } from "../../shapes/json.js";
import { typeEchoProblems, valuesSecretsProblems } from "../../shapes/output-data.js";
import { asksToRetry, type SeedSuite } from "../../suites/seed-suite.js";
import { settledIn200, statusProblems } from "../expect.js";

/** What must not change between two answers for the same id. */
function comparable(body: unknown): unknown {
  return isPlainObject(body) ? { type: body.type, data: body.data, driver_type: body.driver_type } : body;
}

export const SEED_POST_200: CheckSpec<SeedSuite> = {
  id: "SEED-POST-200",
  title:
    "POST / with a valid body answers 200 with {type, data: {values, secrets}, driver_type, driver_data} (a 400 asking to retry is repeated)",
  clause: "POST / 200: New Resorce created, updated or returned. (schema: ResourceData)",
  source: "driver-api-2020",
  level: "contract",
  features: [],
  async run(suite) {
    const { create } = await suite.main();
    return `created after ${settledIn200(create, "POST", "the POST still asked to retry")}`;
  },
};

export const SEED_POST_REPEAT_SAME: CheckSpec<SeedSuite> = {
  id: "SEED-POST-REPEAT-SAME",
  title:
    "Repeating the POST for the same id answers 200 with the same data: a retry never starts a second resource",
  clause: "POST / 200: New Resorce created, updated or returned.",
  source: "driver-api-2020",
  level: "contract",
  features: [],
  async run(suite) {
    const ready = await suite.mainReady();
    const repeat = await suite.postUntilDone(ready.body);
    const problems = statusProblems(repeat.final, [200], "repeated POST");
    if (problems.length === 0) {
      const differences = differingPaths(comparable(ready.outputs), comparable(jsonOf(repeat.final)));
      if (differences.length > 0) problems.push(`repeated POST: data differ in ${differences.join(", ")}`);
    }
    assertNoProblems(problems, [ready.exchange, repeat.final]);
  },
};

export const SEED_POST_CONCURRENT_ONE: CheckSpec<SeedSuite> = {
  id: "SEED-POST-CONCURRENT-ONE",
  title: "Identical POSTs sent at once for a new id all end in 200 with the same data",
  clause:
    "the 2020 text is silent on concurrent POSTs; the kit makes them end in one resource, as Humanitec may retry",
  source: "kit",
  level: "recommendation",
  features: [],
  async run(suite) {
    const id = suite.newId();
    const body = suite.postBody(id);
    let finals: Exchange[];
    try {
      const operations = await Promise.all(
        Array.from({ length: suite.env.options.concurrency }, () => suite.postUntilDone(body)),
      );
      if (operations.some((operation) => operation.gaveUp)) {
        throw new CheckFailure(
          "the concurrent POSTs never converged: one still asked to retry when the operation timeout ran out",
          operations.map((operation) => operation.final),
        );
      }
      finals = operations.map((operation) => operation.final);
    } finally {
      await suite.env.registry.release(id);
    }
    const problems = finals.flatMap((exchange) => statusProblems(exchange, [200], "concurrent POST"));
    const [reference, ...others] = finals;
    if (problems.length === 0 && reference) {
      for (const exchange of others) {
        const differences = differingPaths(comparable(jsonOf(reference)), comparable(jsonOf(exchange)));
        if (differences.length > 0)
          problems.push(`${describeExchange(exchange)}: data differ in ${differences.join(", ")}`);
      }
    }
    assertNoProblems(problems, finals);
  },
};

export const SEED_OUT_SHAPE: CheckSpec<SeedSuite> = {
  id: "SEED-OUT-SHAPE",
  title:
    "Every POST 200 body has the type, data.values and data.secrets objects, a driver_type string and a driver_data object",
  clause:
    "ResourceData example: {type, data: {values, secrets}, driver_type, driver_data}; ValuesSecrets: values and secrets objects",
  source: "driver-api-2020",
  level: "contract",
  features: [],
  async run(suite) {
    await suite.exercise();
    const answers = suite.createAnswers();
    if (answers.length === 0) throw new SkipCheck("no POST answered 200");
    const bad = answers.flatMap(({ exchange, body }) =>
      [
        ...typeEchoProblems(body, suite.inputs.type),
        ...valuesSecretsProblems(body, "data"),
        ...(typeof body.driver_type === "string" && body.driver_type !== ""
          ? []
          : [`"driver_type" must be a non-empty string`]),
        ...(isPlainObject(body.driver_data) ? [] : [`"driver_data" must be an object`]),
      ].map((problem) => ({ exchange, problem })),
    );
    assertNoProblems(
      bad.map(({ exchange, problem }) => `${describeExchange(exchange)}: ${problem}`),
      bad.map(({ exchange }) => exchange),
    );
    return `${answers.length} answers`;
  },
};

export const SEED_POST_400_TYPE: CheckSpec<SeedSuite> = {
  id: "SEED-POST-400-TYPE",
  title: "POST / for a resource type the driver does not support answers 400",
  clause: "POST / 400: Unable to create, update or find resource. E.g. unsupported type.",
  source: "driver-api-2020",
  level: "contract",
  features: [],
  async run(suite) {
    const id = suite.newId();
    const post = await suite.post(suite.postBody(id, { type: "conformance-unsupported-type" }));
    if (statusOf(post) !== 200 && !asksToRetry(post)) suite.env.registry.forget(id);
    if (statusOf(post) === 200) await suite.env.registry.release(id);
    assertNoProblems(statusProblems(post, [400], "POST with an unsupported type"), [post]);
  },
};
