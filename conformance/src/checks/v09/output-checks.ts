import type { CheckSpec } from "../../check.js";
import { assertNoProblems, SkipCheck } from "../../check.js";
import { describeExchange, jsonOf, statusOf, type Exchange } from "../../exchange.js";
import { isPlainObject } from "../../shapes/json.js";
import { identityOf } from "../../resource-types.js";
import {
  idEchoProblems,
  manifestsProblems,
  typeEchoProblems,
  valuesSecretsProblems,
} from "../../shapes/output-data.js";
import type { V09Suite } from "../../suites/v09-suite.js";
import { ONE_INSTANCE } from "./put-checks.js";

type BodyRule = (body: Record<string, unknown>, id: string, type: string) => string[];

/** A check applying one rule to every OutputData the run received. */
function outputDataCheck(meta: Omit<CheckSpec<V09Suite>, "run" | "features">, rule: BodyRule) {
  const check: CheckSpec<V09Suite> = {
    ...meta,
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
    clause:
      "OutputData in the 0.9 spec has no id; the kit echoes it so an answer can be matched to its resource",
    source: "kit",
    level: "recommendation",
  },
  (body, id) => idEchoProblems(body, id),
);

export const OUT_TYPE_ECHO = outputDataCheck(
  {
    id: "OUT-TYPE-ECHO",
    title: "OutputData `type`, when present, is the resource type requested",
    clause: "OutputData type: The type of the resource being provisioned.",
    source: "driver-api-0.9",
    level: "contract",
  },
  (body, _id, type) => typeEchoProblems(body, type, true),
);

export const OUT_VALUES_SECRETS_OBJECTS = outputDataCheck(
  {
    id: "OUT-VALUES-SECRETS-OBJECTS",
    title: "OutputData has a `resource` object whose `values` and `secrets`, when present, are objects",
    clause:
      "OutputData resource (Resource Outputs): properties secrets and values, each an object; These outputs are made available through the deployment set as placeholders.",
    source: "driver-api-0.9",
    level: "contract",
  },
  // The spec marks neither member required; a type's missing outputs fail OUT-TYPE-OUTPUTS.
  (body) => valuesSecretsProblems(body, "resource", { absentAllowed: true }),
);

export const OUT_MANIFESTS_SHAPE = outputDataCheck(
  {
    id: "OUT-MANIFESTS-SHAPE",
    title:
      "OutputData `manifests`, when present, is an array (never null) of {location: container|volume|namespace|cluster, manifest (or data)}",
    clause:
      "manifests: A list of additional manifests to inject into the cluster at a particular location. (type: array; location: container|volume|namespace|cluster)",
    source: "driver-api-0.9",
    level: "contract",
  },
  (body) => manifestsProblems(body),
);

export const OUT_ONE_IDENTITY: CheckSpec<V09Suite> = {
  id: "OUT-ONE-IDENTITY",
  title:
    "Every answer for one GUResID names the same backend instance (host, bucket, ...) until a DELETE answers 204",
  clause: ONE_INSTANCE,
  source: "driver-api-0.9",
  level: "contract",
  features: [],
  async run(suite) {
    await suite.exercise();
    const type = suite.inputs.type;
    const seen = new Map<string, { identity: string; exchange: Exchange }>();
    const problems: string[] = [];
    const evidence: Exchange[] = [];
    // A DELETE answered 204 ends a resource: what the GUResID names afterwards is a new one.
    const generation = new Map<string, number>();
    let named = 0;
    for (const exchange of suite.env.log.all()) {
      const id = decodeURIComponent(exchange.path.slice(1));
      if (exchange.method === "DELETE" && statusOf(exchange) === 204) {
        generation.set(id, (generation.get(id) ?? 0) + 1);
        continue;
      }
      const body = jsonOf(exchange);
      // A 202 or 409 body carrying outputs names an instance just as well (HINT-SHAPE fails the body).
      const status = statusOf(exchange) ?? 0;
      if (![200, 202, 409].includes(status) || exchange.method === "DELETE" || !isPlainObject(body)) continue;
      const resource = isPlainObject(body.resource) ? body.resource : {};
      const identity = identityOf(type, resource.values);
      if (identity === undefined) continue;
      named += 1;
      const key = `${id}#${generation.get(id) ?? 0}`;
      const first = seen.get(key);
      if (first && first.identity !== identity) {
        problems.push(
          `${describeExchange(exchange)} names ${identity}, but ${describeExchange(first.exchange)} named ${first.identity} for the same GUResID`,
        );
        evidence.push(first.exchange, exchange);
      }
      if (!first) seen.set(key, { identity, exchange });
    }
    if (named === 0) throw new SkipCheck(`no OutputData named a backend instance of type ${type}`);
    assertNoProblems(problems, evidence);
    return `${named} OutputData naming ${new Set([...seen.values()].map((item) => item.identity)).size} instance(s)`;
  },
};
