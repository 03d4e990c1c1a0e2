import type { CheckSpec } from "../../check.js";
import { assertNoProblems } from "../../check.js";
import { describeExchange, responseOf, statusOf, type Exchange } from "../../exchange.js";
import { invalidResourceIds } from "../../resource-ids.js";
import { specErrorBodyProblems } from "../../shapes/error-body.js";
import type { V09Suite } from "../../suites/v09-suite.js";
import { assertErrorAnswers } from "../expect.js";

const is2xx = (exchange: Exchange) => (statusOf(exchange) ?? 0) >= 200 && (statusOf(exchange) ?? 0) < 300;

/** The 0.9 spec's answer for every request a driver cannot fulfil. */
const SPEC_400 = "400: A general and unrecoverable error has occurred. (schema: Error)";

export const ID_400_INVALID: CheckSpec<V09Suite> = {
  id: "ID-400-INVALID",
  title:
    "A PUT or DELETE on an invalid GUResID (uppercase, underscore, too short, leading hyphen) answers 400 with an Error body",
  clause:
    "the 0.9 spec types a GUResID only as a string; the kit holds it to Humanitec's ID rule ^[a-z0-9][a-z0-9-]+[a-z0-9]$",
  source: "kit",
  level: "recommendation",
  features: [],
  async run(suite) {
    const attempts: [Exchange, string][] = [];
    for (const { label, id } of invalidResourceIds()) {
      const session = suite.session(id);
      const put = await session.put(suite.body());
      // A driver that accepted the id may have created something; teardown must try to remove it.
      if (is2xx(put)) suite.track(session);
      const del = await session.delete();
      attempts.push([put, `PUT with ${label} id ${JSON.stringify(id)}`]);
      attempts.push([del, `DELETE with ${label} id ${JSON.stringify(id)}`]);
    }
    assertErrorAnswers(attempts, 400);
  },
};

/** Bodies a PUT must reject, each breaking InputData differently. */
function malformedBodies(valid: Record<string, unknown>): { label: string; body: string }[] {
  return [
    { label: "a body that is not JSON", body: '{"type": "redis", "driver": ' },
    { label: "a JSON array", body: JSON.stringify([valid]) },
    { label: "a number as type", body: JSON.stringify({ ...valid, type: 42 }) },
    { label: "a string as driver", body: JSON.stringify({ ...valid, driver: "values" }) },
  ];
}

export const BODY_400_MALFORMED: CheckSpec<V09Suite> = {
  id: "BODY-400-MALFORMED",
  title:
    "A PUT whose body is not JSON, is a JSON array or has a field of the wrong type answers 400 with an Error body",
  clause: `PUT requestBody: InputData (type: string, driver: object); ${SPEC_400}`,
  source: "driver-api-0.9",
  level: "contract",
  features: [],
  async run(suite) {
    const attempts: [Exchange, string][] = [];
    for (const { label, body } of malformedBodies(suite.body())) {
      const session = suite.newSession();
      const put = await session.put(body);
      if (is2xx(put)) await suite.env.registry.release(session.id);
      else suite.env.registry.forget(session.id);
      attempts.push([put, `PUT with ${label}`]);
    }
    assertErrorAnswers(attempts, 400, "spec");
  },
};

export const TYPE_400_UNSUPPORTED: CheckSpec<V09Suite> = {
  id: "TYPE-400-UNSUPPORTED",
  title:
    "A PUT for a resource type the driver does not serve answers 400 with an Error body and creates nothing",
  clause: `InputData type: "The type of the resource being provisioned."; ${SPEC_400}`,
  source: "driver-api-0.9",
  level: "contract",
  features: [],
  async run(suite) {
    const session = suite.newSession();
    const put = await session.put(suite.body(suite.inputs.driver, "conformance-unsupported-type"));
    if (is2xx(put)) await suite.env.registry.release(session.id);
    else suite.env.registry.forget(session.id);
    assertErrorAnswers([[put, "PUT with the type conformance-unsupported-type"]], 400, "spec");
  },
};

/** Driver inputs a driver cannot act on: none at all, an account of the wrong shape. */
function invalidDriverInputs(suite: V09Suite): { label: string; body: unknown }[] {
  const valid = suite.body();
  const { values, secrets } = suite.inputs.driver;
  return [
    { label: "no driver member", body: { type: valid.type, resource: valid.resource } },
    { label: "empty driver inputs", body: { ...valid, driver: { values: {}, secrets: {} } } },
    {
      label: "an account that is a string",
      body: { ...valid, driver: { values, secrets: { ...secrets, account: "not-an-account" } } },
    },
    {
      label: "an account whose credentials are numbers",
      body: {
        ...valid,
        driver: {
          values,
          secrets: { ...secrets, account: { aws_access_key_id: 42, aws_secret_access_key: 7 } },
        },
      },
    },
  ];
}

export const INPUTS_400_INVALID: CheckSpec<V09Suite> = {
  id: "INPUTS-400-INVALID",
  title:
    "A PUT with missing driver inputs or an account of the wrong shape is accepted (200/202) or answers 400 with an Error body, never 5xx or a dropped connection",
  clause: SPEC_400,
  source: "driver-api-0.9",
  level: "contract",
  features: [],
  async run(suite) {
    const problems: string[] = [];
    const evidence: Exchange[] = [];
    let accepted = 0;
    for (const { label, body } of invalidDriverInputs(suite)) {
      const session = suite.newSession();
      const put = await session.put(body);
      const status = statusOf(put);
      const response = responseOf(put);
      if (is2xx(put) || status === 409) {
        accepted += 1;
        await suite.env.registry.release(session.id);
      } else {
        suite.env.registry.forget(session.id);
      }
      const found = !response
        ? [`PUT with ${label}: ${describeExchange(put)}`]
        : status === 200 || status === 202
          ? []
          : status === 400
            ? specErrorBodyProblems(response).map((problem) => `PUT with ${label}: Error body: ${problem}`)
            : [
                `PUT with ${label}: ${describeExchange(put)}, expected 400 (or 200/202 when the driver needs none)`,
              ];
      if (found.length > 0) evidence.push(put);
      problems.push(...found);
    }
    assertNoProblems(problems, evidence);
    return `${accepted} of the invalid inputs accepted and deleted again`;
  },
};
