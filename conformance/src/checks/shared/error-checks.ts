import type { CheckSpec } from "../../check.js";
import { assertNoProblems, SkipCheck } from "../../check.js";
import { describeExchange, responseOf, type Exchange, type ResponseOutcome } from "../../exchange.js";
import { leakedSources } from "../../secrets.js";
import { errorBodyProblems, specErrorBodyProblems } from "../../shapes/error-body.js";
import type { Suite } from "../../suites/suite.js";
import { graded } from "./variant.js";

/** Fails with every answer `select` picks whose body `rule` finds fault with. */
async function errorBodiesCheck(
  suite: Suite,
  select: (status: number) => boolean,
  rule: (response: ResponseOutcome) => string[],
  none: string,
): Promise<string> {
  await suite.exercise();
  const errors = suite.env.log.all().filter((exchange) => select(responseOf(exchange)?.status ?? 0));
  if (errors.length === 0) throw new SkipCheck(none);
  const bad = errors.flatMap((exchange) => {
    const response = responseOf(exchange);
    return response ? rule(response).map((problem) => ({ exchange, problem })) : [];
  });
  assertNoProblems(
    bad.map(({ exchange, problem }) => `${describeExchange(exchange)}: ${problem}`),
    bad.map(({ exchange }) => exchange),
  );
  return `${errors.length} error answer(s)`;
}

export const ERR_BODY_SHAPE: CheckSpec<Suite> = {
  id: "ERR-BODY-SHAPE",
  title: 'Every 400 answer carries an Error body: an "error" code prefixed with RES-1 and a "message" string',
  clause: "Error: error: A Humanitec error code. For drivers, the error code is always prefixed with `RES-1`",
  source: "driver-api-0.9",
  level: "contract",
  features: [],
  run: (suite) =>
    errorBodiesCheck(
      suite,
      (status) => status === 400,
      specErrorBodyProblems,
      "the driver never answered 400",
    ),
};

export const ERR_BODY_ALL: CheckSpec<Suite> = {
  id: "ERR-BODY-ALL",
  title:
    'Every 4xx/5xx answer but 409 carries an Error body: "error" matching ^RES-1[0-9][0-9]$, a non-empty "message", no stack trace',
  clause:
    "the kit answers every failure with a RES-1xx Error naming the field and the fix, and never shows internals",
  source: "kit",
  level: "recommendation",
  features: [],
  // A 409 carries an AsyncProgressHint (HINT-SHAPE checks it).
  run: (suite) =>
    errorBodiesCheck(
      suite,
      (status) => status >= 400 && status !== 409,
      errorBodyProblems,
      "the driver never answered 4xx or 5xx",
    ),
};

export const ERR_NO_SECRET: CheckSpec<Suite> = {
  id: "ERR-NO-SECRET",
  title:
    "No error or progress body contains a secret (returned credentials, account secrets sent, the bearer token)",
  clause:
    "an Error message is for people and logs; the kit never puts a credential in one, nor in a progress hint",
  source: "kit",
  level: "recommendation",
  features: [],
  async run(suite) {
    await suite.exercise();
    const sensitive = suite.sensitive();
    const bodies = suite.env.log.all().filter((exchange) => {
      const status = responseOf(exchange)?.status ?? 0;
      return status >= 400 || status === 202 || status === 409;
    });
    const leaks: { exchange: Exchange; source: string }[] = bodies.flatMap((exchange) =>
      leakedSources(responseOf(exchange)?.text ?? "", sensitive).map((source) => ({ exchange, source })),
    );
    assertNoProblems(
      leaks.map(({ exchange, source }) => `${describeExchange(exchange)}: the body contains ${source}`),
      leaks.map(({ exchange }) => exchange),
    );
    return `${bodies.length} bodies scanned for ${sensitive.length} secret(s)`;
  },
};

/** The 2020 text says secret outputs are only ever exposed through a Kubernetes secret. */
export const ERR_NO_SECRET_SEED = graded(ERR_NO_SECRET, {
  source: "driver-api-2020",
  clause:
    "secrets: Parameters which should be treated secret. They will only be exposed via a Kubernetes secret.",
});
