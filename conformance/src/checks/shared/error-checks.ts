import type { CheckSpec } from "../../check.js";
import { assertNoProblems, SkipCheck } from "../../check.js";
import { describeExchange, responseOf, type Exchange } from "../../exchange.js";
import { leakedSources } from "../../secrets.js";
import { errorBodyProblems } from "../../shapes/error-body.js";
import type { Suite } from "../../suites/suite.js";

export const ERR_BODY_SHAPE: CheckSpec<Suite> = {
  id: "ERR-BODY-SHAPE",
  title:
    'Every 4xx/5xx answer but 409 carries an Error body: "error" matching ^RES-1[0-9][0-9]$, a non-empty "message", no stack trace',
  clause: "§1 Error",
  level: "core",
  features: [],
  async run(suite) {
    await suite.exercise();
    // A 409 carries an AsyncProgressHint (HINT-SHAPE checks it).
    const errors = suite.env.log.all().filter((exchange) => {
      const status = responseOf(exchange)?.status ?? 0;
      return status >= 400 && status !== 409;
    });
    if (errors.length === 0) throw new SkipCheck("the driver never answered 4xx or 5xx");
    const bad = errors.flatMap((exchange) => {
      const response = responseOf(exchange);
      return response ? errorBodyProblems(response).map((problem) => ({ exchange, problem })) : [];
    });
    assertNoProblems(
      bad.map(({ exchange, problem }) => `${describeExchange(exchange)}: ${problem}`),
      bad.map(({ exchange }) => exchange),
    );
    return `${errors.length} error answer(s)`;
  },
};

export const ERR_NO_SECRET: CheckSpec<Suite> = {
  id: "ERR-NO-SECRET",
  title:
    "No error or progress body contains a secret (returned credentials, account secrets sent, the bearer token)",
  clause: "§1 Error (the message never contains a secret)",
  level: "core",
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
