import type { CheckSpec } from "../../check.js";
import { assertNoProblems, SkipCheck } from "../../check.js";
import { describeExchange, type Exchange } from "../../exchange.js";
import {
  idEchoProblems,
  manifestsProblems,
  typeEchoProblems,
  valuesSecretsProblems,
} from "../../shapes/output-data.js";
import type { V09Suite } from "../../suites/v09-suite.js";

type BodyRule = (body: Record<string, unknown>, id: string, type: string) => string[];

/** A check applying one rule to every OutputData the run received. */
function outputDataCheck(meta: Omit<CheckSpec<V09Suite>, "run" | "level" | "features">, rule: BodyRule) {
  const check: CheckSpec<V09Suite> = {
    ...meta,
    level: "core",
    features: [],
    async run(suite) {
      await suite.exercise();
      const outputs = suite.outputData();
      if (outputs.length === 0) throw new SkipCheck("no PUT or GET answered 200 with OutputData");
      const bad: { exchange: Exchange; problem: string }[] = outputs.flatMap(({ exchange, id, body }) =>
        rule(body, id, suite.inputs.type).map((problem) => ({ exchange, problem })),
      );
      assertNoProblems(
        bad.map(({ exchange, problem }) => `${describeExchange(exchange)}: ${problem}`),
        bad.map(({ exchange }) => exchange),
      );
      return `${outputs.length} OutputData bodies`;
    },
  };
  return check;
}

export const OUT_ID_ECHO = outputDataCheck(
  {
    id: "OUT-ID-ECHO",
    title: "OutputData echoes the GUResID of the request in `id`",
    clause: "§1 OutputData",
  },
  (body, id) => idEchoProblems(body, id),
);

export const OUT_TYPE_ECHO = outputDataCheck(
  { id: "OUT-TYPE-ECHO", title: "OutputData carries the resource type in `type`", clause: "§1 OutputData" },
  (body, _id, type) => typeEchoProblems(body, type),
);

export const OUT_VALUES_SECRETS_OBJECTS = outputDataCheck(
  {
    id: "OUT-VALUES-SECRETS-OBJECTS",
    title: "OutputData has `resource.values` and `resource.secrets` objects",
    clause: "§1 OutputData",
  },
  (body) => valuesSecretsProblems(body),
);

export const OUT_MANIFESTS_SHAPE = outputDataCheck(
  {
    id: "OUT-MANIFESTS-SHAPE",
    title:
      "OutputData `manifests`, when present, is a list of {location: container|volume|namespace|cluster, data}",
    clause: "§1 OutputData (manifest items)",
  },
  (body) => manifestsProblems(body),
);
