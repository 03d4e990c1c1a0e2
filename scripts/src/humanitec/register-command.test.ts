import { describe, expect, it } from "vitest";
import { startFakeHumanitec } from "../../test/support/fake-humanitec.js";
import { runCommand } from "../cli/run-cli.js";
import { registerCommand } from "./register-command.js";

const SECRET = "c2VjcmV0LXBhdGgtc2VnbWVudC0wMTIzNDU2Nzg5";
const ARGS = ["--driver-url", "https://cache-driver.example.com/", "--org", "my-org"];

async function register(argv: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
  const code = await runCommand(
    "register",
    () => registerCommand(argv, { DRIVER_AUTH_PATH_SECRET: SECRET, ...env }, io),
    io,
    {},
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("npm run register", () => {
  it("prints both definitions and sends nothing without --apply", async () => {
    await using humanitec = await startFakeHumanitec({ org: "my-org", token: "tok" });
    const { code, out, err } = await register(ARGS, {
      HUMANITEC_API_URL: humanitec.url,
      HUMANITEC_TOKEN: "tok",
    });
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      driver_definition: {
        id: "elasticache-driver-kit",
        target: "https://cache-driver.example.com/<DRIVER_AUTH_PATH_SECRET>/",
      },
      resource_definition: { id: "elasticache-redis", driver_type: "my-org/elasticache-driver-kit" },
    });
    expect(err).toContain("nothing was changed; add --apply");
    expect(humanitec.requests).toEqual([]);
  });

  it("with --apply creates both, authenticated with the token", async () => {
    await using humanitec = await startFakeHumanitec({ org: "my-org", token: "tok" });
    const { code, err } = await register([...ARGS, "--apply"], {
      HUMANITEC_API_URL: humanitec.url,
      HUMANITEC_TOKEN: "tok",
    });
    expect(code).toBe(0);
    expect(humanitec.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /orgs/my-org/resources/drivers",
      "POST /orgs/my-org/resources/defs",
    ]);
    expect(humanitec.requests.every((r) => r.headers.authorization === "Bearer tok")).toBe(true);
    expect(humanitec.requests[0]?.body).toMatchObject({
      target: `https://cache-driver.example.com/${SECRET}/`,
      account_types: ["aws"],
    });
    expect(err).toContain("driver definition elasticache-driver-kit: created");
  });

  it("updates what exists: 409 on create, then PUT with Humanitec's update shape", async () => {
    await using humanitec = await startFakeHumanitec({
      org: "my-org",
      token: "tok",
      existing: ["elasticache-driver-kit", "elasticache-redis"],
    });
    const { code, err } = await register(
      [...ARGS, "--apply", "--values", '{"deployment":"shared","shared_cache":"team-cache"}'],
      {
        HUMANITEC_API_URL: humanitec.url,
        HUMANITEC_TOKEN: "tok",
      },
    );
    expect(code).toBe(0);
    expect(humanitec.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /orgs/my-org/resources/drivers",
      "PUT /orgs/my-org/resources/drivers/elasticache-driver-kit",
      "POST /orgs/my-org/resources/defs",
      "PUT /orgs/my-org/resources/defs/elasticache-redis",
    ]);
    const driverUpdate = humanitec.requests[1]?.body as Record<string, unknown>;
    expect(Object.keys(driverUpdate).sort()).toEqual(["account_types", "inputs_schema", "target"]);
    expect(humanitec.requests[3]?.body).toEqual({
      name: "elasticache-redis",
      driver_inputs: { values: { deployment: "shared", shared_cache: "team-cache" }, secrets: {} },
    });
    expect(err).toContain("resource definition elasticache-redis: updated");
  });

  it("names HUMANITEC_TOKEN when Humanitec refuses it, without showing it", async () => {
    await using humanitec = await startFakeHumanitec({ org: "my-org", token: "right" });
    const { code, err } = await register([...ARGS, "--apply"], {
      HUMANITEC_API_URL: humanitec.url,
      HUMANITEC_TOKEN: "wrong-token",
    });
    expect(code).toBe(1);
    expect(err).toMatch(
      /^register: HUMANITEC_TOKEN: rejected by Humanitec \(401\) while creating the driver definition/,
    );
    expect(err).not.toContain("wrong-token");
    expect(err).not.toMatch(/\n\s+at /);
  });

  it("asks for HUMANITEC_TOKEN with --apply, and for the organisation, before sending anything", async () => {
    expect((await register([...ARGS, "--apply"], {})).err).toBe(
      "register: HUMANITEC_TOKEN: not set (--apply needs it). Fix: export HUMANITEC_TOKEN=<an API token of your organisation>",
    );
    const noOrg = await register(["--driver-url", "https://d.example.com/"], {});
    expect(noOrg).toMatchObject({
      code: 1,
      err: "register: HUMANITEC_ORG: not set. Fix: export HUMANITEC_ORG=<your organisation id> or pass --org",
    });
  });
});
