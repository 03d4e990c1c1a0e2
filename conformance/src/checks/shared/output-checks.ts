import type { CheckSpec } from "../../check.js";
import { assertNoProblems, SkipCheck } from "../../check.js";
import { describeExchange, type Exchange } from "../../exchange.js";
import { resourceTypeSpec, typeOutputProblems } from "../../resource-types.js";
import { leakedSources, type Sensitive } from "../../secrets.js";
import { isPlainObject } from "../../shapes/json.js";
import { portProblems } from "../../shapes/output-data.js";
import type { ObservedOutput, Suite } from "../../suites/suite.js";
import { graded } from "./variant.js";

type OutputsRule = (output: ObservedOutput, sensitive: readonly Sensitive[], type: string) => string[];

function outputsCheck(meta: Omit<CheckSpec<Suite>, "run" | "features">, rule: OutputsRule) {
  const check: CheckSpec<Suite> = {
    ...meta,
    features: [],
    async run(suite) {
      await suite.exercise();
      const outputs = suite.observedOutputs();
      if (outputs.length === 0) throw new SkipCheck("no answer carried outputs");
      const sensitive = suite.sensitive();
      const type = suite.env.options.inputs.type;
      const bad: { exchange: Exchange; problem: string }[] = outputs.flatMap((output) =>
        rule(output, sensitive, type).map((problem) => ({ exchange: output.exchange, problem })),
      );
      assertNoProblems(
        bad.map(({ exchange, problem }) => `${describeExchange(exchange)}: ${problem}`),
        bad.map(({ exchange }) => exchange),
      );
      const known = resourceTypeSpec(type).type;
      return `${outputs.length} outputs checked as type ${known === "generic" ? `${type} (generic)` : known}`;
    },
  };
  return check;
}

export const OUT_PORT_INTEGER = outputsCheck(
  {
    id: "OUT-PORT-INTEGER",
    title: "values.port, when present, is an integer from 1 to 65535, never a string",
    clause:
      "the 0.9 spec types every output as a string; the kit answers port as an integer, as the resource-type reference lists it",
    source: "kit",
    level: "recommendation",
  },
  ({ values }) => (isPlainObject(values) ? portProblems(values) : []),
);

export const OUT_TYPE_OUTPUTS = outputsCheck(
  {
    id: "OUT-TYPE-OUTPUTS",
    title:
      "The outputs are those the resource type defines (redis, postgres, mysql, s3, dns; any other type: none required), its secret outputs in secrets",
    clause:
      "each resource type lists its outputs as Values and Secrets (e.g. s3: bucket, region; aws_access_key_id, aws_secret_access_key)",
    source: "resource-types",
    level: "contract",
  },
  // An absent member has no outputs; one of another kind fails OUT-VALUES-SECRETS-OBJECTS.
  ({ values, secrets }, _sensitive, type) =>
    typeOutputProblems(type, isPlainObject(values) ? values : {}, isPlainObject(secrets) ? secrets : {}),
);

export const OUT_NO_SECRET_IN_VALUES = outputsCheck(
  {
    id: "OUT-NO-SECRET-IN-VALUES",
    title:
      "values hold no secret: no returned password, URL or credential and no account secret sent, plain or encoded",
    clause:
      "values end up in plain configuration; the kit keeps every credential, whole or inside a URL, in secrets",
    source: "kit",
    level: "recommendation",
  },
  ({ values }, sensitive) =>
    leakedSources(JSON.stringify(values ?? {}), sensitive).map((source) => `values contain ${source}`),
);

/** The 2020 text says what values are for: anything that may appear in a ConfigMap. */
export const OUT_NO_SECRET_IN_VALUES_SEED = graded(OUT_NO_SECRET_IN_VALUES, {
  source: "driver-api-2020",
  clause: "values: Parameters which should not be treated as secret. (i.e. can appear in the ConfigMap.)",
});
