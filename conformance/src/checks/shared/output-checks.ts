import type { CheckSpec } from "../../check.js";
import { assertNoProblems, SkipCheck } from "../../check.js";
import { describeExchange, type Exchange } from "../../exchange.js";
import { leakedSources, type Sensitive } from "../../secrets.js";
import { isPlainObject } from "../../shapes/json.js";
import { portProblems, redisOutputProblems } from "../../shapes/output-data.js";
import type { ObservedOutput, Suite } from "../../suites/suite.js";

type OutputsRule = (output: ObservedOutput, sensitive: readonly Sensitive[]) => string[];

function outputsCheck(
  meta: Omit<CheckSpec<Suite>, "run" | "level" | "features">,
  rule: OutputsRule,
  applies?: (suite: Suite) => string | undefined,
) {
  const check: CheckSpec<Suite> = {
    ...meta,
    level: "core",
    features: [],
    async run(suite) {
      const notApplicable = applies?.(suite);
      if (notApplicable) throw new SkipCheck(notApplicable);
      await suite.exercise();
      const outputs = suite.observedOutputs();
      if (outputs.length === 0) throw new SkipCheck("no answer carried outputs");
      const sensitive = suite.sensitive();
      const bad: { exchange: Exchange; problem: string }[] = outputs.flatMap((output) =>
        rule(output, sensitive).map((problem) => ({ exchange: output.exchange, problem })),
      );
      assertNoProblems(
        bad.map(({ exchange, problem }) => `${describeExchange(exchange)}: ${problem}`),
        bad.map(({ exchange }) => exchange),
      );
      return `${outputs.length} outputs checked`;
    },
  };
  return check;
}

export const OUT_PORT_INTEGER = outputsCheck(
  {
    id: "OUT-PORT-INTEGER",
    title: "values.port, when present, is an integer from 1 to 65535, never a string",
    clause: "§1 OutputData (port is an integer)",
  },
  ({ values }) => (isPlainObject(values) ? portProblems(values) : []),
);

export const OUT_REDIS_KEYS = outputsCheck(
  {
    id: "OUT-REDIS-KEYS",
    title:
      "A redis resource outputs values.host and values.port, and secrets.password (and secrets.username when set) as strings",
    clause: "§1 OutputData (redis outputs used by Humanitec's resource packs)",
  },
  ({ values, secrets }) =>
    isPlainObject(values) && isPlainObject(secrets)
      ? redisOutputProblems(values, secrets)
      : ["values and secrets must be objects"],
  (suite) =>
    suite.env.options.inputs.type === "redis"
      ? undefined
      : `the resource type is ${suite.env.options.inputs.type}, not redis`,
);

export const OUT_NO_SECRET_IN_VALUES = outputsCheck(
  {
    id: "OUT-NO-SECRET-IN-VALUES",
    title:
      "values hold no secret: no returned password, URL or credential and no account secret sent, plain or encoded",
    clause: "§1 OutputData (anything holding a credential goes in secrets)",
  },
  ({ values }, sensitive) =>
    leakedSources(JSON.stringify(values ?? {}), sensitive).map((source) => `values contain ${source}`),
);
