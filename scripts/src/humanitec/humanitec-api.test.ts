import { describe, expect, it } from "vitest";
import { startLoopbackServer } from "../../test/support/loopback-server.js";
import { HumanitecApi } from "./humanitec-api.js";
import { driverDefinition } from "./driver-definition.js";

describe("the Humanitec API client", () => {
  it("names HUMANITEC_API_URL when nothing answers there", async () => {
    const server = await startLoopbackServer(() => ({ status: 200 }));
    await server.close();
    const api = new HumanitecApi({ baseUrl: server.url, token: "t", org: "o", timeoutMs: 2_000 });
    await expect(api.checkAccess()).rejects.toThrow(
      /^HUMANITEC_API_URL: GET http:\/\/127\.0\.0\.1:\d+\/orgs\/o\/resources\/drivers got no answer/,
    );
  });

  it("passes on what Humanitec says about a definition it refuses, and names the organisation on a 404", async () => {
    await using server = await startLoopbackServer((request) =>
      request.method === "POST"
        ? { status: 422, body: { error: "API-422", message: "inputs_schema: not a valid JSON Schema" } }
        : { status: 404, body: { message: "Organization not found" } },
    );
    const api = new HumanitecApi({ baseUrl: server.url, token: "t", org: "my-org" });
    await expect(api.upsertDriver(driverDefinition("d", "https://d.example.com/"))).rejects.toThrow(
      "Humanitec: answered 422 while creating the driver definition d: inputs_schema: not a valid JSON Schema. Fix: correct the definition",
    );
    const wrongOrg = new HumanitecApi({ baseUrl: `${server.url}/x`, token: "t", org: "my-org" });
    await expect(wrongOrg.checkAccess()).rejects.toThrow(
      /^HUMANITEC_ORG: Humanitec answered 404 .* is "my-org" your organisation id\?: Organization not found/,
    );
  });
});
