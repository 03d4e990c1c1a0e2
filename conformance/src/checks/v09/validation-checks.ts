import type { CheckSpec } from "../../check.js";
import { statusOf, type Exchange } from "../../exchange.js";
import { invalidResourceIds } from "../../resource-ids.js";
import type { V09Suite } from "../../suites/v09-suite.js";
import { assertErrorAnswers } from "../expect.js";

const is2xx = (exchange: Exchange) => (statusOf(exchange) ?? 0) >= 200 && (statusOf(exchange) ?? 0) < 300;

export const ID_400_INVALID: CheckSpec<V09Suite> = {
  id: "ID-400-INVALID",
  title:
    "A PUT or DELETE on an invalid GUResID (uppercase, underscore, too short, leading hyphen) answers 400 with an Error body",
  clause: "§1 GUResID",
  level: "core",
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
  clause: "§1 Status codes (400), §1 InputData",
  level: "core",
  features: [],
  async run(suite) {
    const attempts: [Exchange, string][] = [];
    for (const { label, body } of malformedBodies(suite.body())) {
      const session = suite.newSession();
      const put = await session.put(body);
      if (!is2xx(put)) suite.env.registry.forget(session.id);
      attempts.push([put, `PUT with ${label}`]);
    }
    assertErrorAnswers(attempts, 400);
  },
};
