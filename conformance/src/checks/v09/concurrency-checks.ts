import { setTimeout as sleep } from "node:timers/promises";
import type { CheckSpec } from "../../check.js";
import { assertNoProblems, CheckFailure } from "../../check.js";
import { describeExchange, jsonOf, statusOf, type Exchange } from "../../exchange.js";
import { seconds, type V09Suite } from "../../suites/v09-suite.js";
import { statusProblems } from "../expect.js";
import { outputDifferences } from "./outputs-equal.js";
import { ONE_INSTANCE } from "./put-checks.js";

export const PUT_CONCURRENT_ONE: CheckSpec<V09Suite> = {
  id: "PUT-CONCURRENT-ONE",
  title:
    "Identical PUTs sent at once on a new GUResID all answer 202 or 200 and end in one resource with identical outputs",
  clause: ONE_INSTANCE,
  source: "driver-api-0.9",
  level: "contract",
  features: [],
  async run(suite) {
    const { concurrency, operationMs, pollIntervalMs } = suite.env.options;
    const session = suite.newSession();
    const body = suite.body();
    const started = Date.now();
    const readyAnswers: Exchange[] = [];
    try {
      for (let round = 1; ; round += 1) {
        const answers = await Promise.all(
          // Each carries the cookie the driver last set, as Humanitec would.
          Array.from({ length: concurrency }, () => session.put(body)),
        );
        const bad = answers.filter((exchange) => statusProblems(exchange, [202, 200]).length > 0);
        if (bad.length > 0) {
          throw new CheckFailure(
            bad.map((exchange) => `round ${round}: ${describeExchange(exchange)}, expected 202 or 200`),
            bad,
          );
        }
        readyAnswers.push(...answers.filter((exchange) => statusOf(exchange) === 200));
        if (answers.every((exchange) => statusOf(exchange) === 200)) break;
        if (Date.now() - started >= operationMs) {
          throw new CheckFailure(
            `the concurrent PUTs never converged: still answering 202 after ${seconds(Date.now() - started)} (${round} rounds)`,
            answers,
          );
        }
        await sleep(pollIntervalMs, undefined, { signal: suite.env.signal() });
      }
    } finally {
      await suite.env.registry.release(session.id);
    }
    const [reference, ...others] = readyAnswers;
    const problems = others.flatMap((exchange) => {
      const differences = outputDifferences(jsonOf(reference as Exchange), jsonOf(exchange));
      return differences.length > 0
        ? [
            `${describeExchange(exchange)}: outputs differ from the first ready answer in ${differences.join(", ")}`,
          ]
        : [];
    });
    // Any answer naming an instance counts: a driver provisioning per request shows it in its 202s.
    const instances = suite.identities(session.id);
    if (instances.length > 1) {
      problems.push(
        `the answers named ${instances.length} backend instances for one GUResID: ${instances.join("; ")}`,
      );
    }
    assertNoProblems(problems, readyAnswers);
    return `${concurrency} PUTs at once, ${readyAnswers.length} ready answers compared`;
  },
};
