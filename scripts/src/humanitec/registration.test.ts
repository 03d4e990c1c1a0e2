import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { UserError } from "../cli/user-error.js";
import { buildRegistration, formatRegistration, type RegistrationInput } from "./registration.js";

const SECRET = "c2VjcmV0LXBhdGgtc2VnbWVudC0wMTIzNDU2Nzg5";
const INPUT: RegistrationInput = {
  org: "my-org",
  driverId: "elasticache-driver-kit",
  definitionId: "elasticache-redis",
  envType: "development",
  driverAccount: undefined,
  driverUrl: "https://cache-driver.example.com",
  pathSecret: SECRET,
  target: undefined,
  valuesJson: undefined,
};

const problemOf = (input: Partial<RegistrationInput>) => {
  try {
    buildRegistration({ ...INPUT, ...input });
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error("no problem found");
};

describe("the Humanitec registration", () => {
  it("builds a driver definition whose inputs_schema is a valid JSON Schema in Humanitec's shape, generated from the driver's inputs", () => {
    const { driver } = buildRegistration(INPUT);
    expect(driver).toMatchObject({
      id: "elasticache-driver-kit",
      type: "redis",
      account_types: ["aws"],
      target: `https://cache-driver.example.com/${SECRET}/`,
    });
    const schema = driver.inputs_schema;
    expect(schema).toMatchObject({
      type: "object",
      properties: { values: { type: "object" }, secrets: { type: "object" } },
    });

    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    const good = {
      values: { deployment: "serverless", engine: "valkey", tags: { team: "cache" } },
      secrets: {
        account: { aws_access_key_id: "AKIAEXAMPLEEXAMPLE00", aws_secret_access_key: "x".repeat(40) },
      },
    };
    expect(validate(good), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ values: { engine: "memcache" }, secrets: {} })).toBe(false);
    expect(validate({ values: { enigne: "valkey" }, secrets: {} })).toBe(false);
  });

  it("builds a redis resource definition whose driver_type is {org}/{driverId}", () => {
    const { resource } = buildRegistration({
      ...INPUT,
      driverAccount: "aws-dev",
      valuesJson: '{"deployment":"serverless"}',
      envType: "staging",
    });
    expect(resource).toEqual({
      id: "elasticache-redis",
      name: "elasticache-redis",
      type: "redis",
      driver_type: "my-org/elasticache-driver-kit",
      driver_account: "aws-dev",
      driver_inputs: { values: { deployment: "serverless" }, secrets: {} },
      criteria: [{ env_type: "staging" }],
    });
  });

  it("prints the payloads with the secret path segment hidden unless asked", () => {
    const registration = buildRegistration(INPUT);
    const hidden = formatRegistration(registration, false);
    expect(hidden).not.toContain(SECRET);
    expect(JSON.parse(hidden)).toMatchObject({
      driver_definition: { target: "https://cache-driver.example.com/<DRIVER_AUTH_PATH_SECRET>/" },
      resource_definition: { driver_type: "my-org/elasticache-driver-kit" },
    });
    expect(formatRegistration(registration, true)).toContain(SECRET);
  });

  it("takes a whole --target as given, adding no secret", () => {
    const { driver } = buildRegistration({
      ...INPUT,
      driverUrl: undefined,
      pathSecret: undefined,
      target: "https://d.example.com/s3cr3t",
    });
    expect(driver.target).toBe("https://d.example.com/s3cr3t/");
  });

  it("names the input, the problem and the fix for each mistake", () => {
    expect(problemOf({ pathSecret: undefined })).toMatch(
      /^DRIVER_AUTH_PATH_SECRET: not set; .*Fix: export DRIVER_AUTH_PATH_SECRET/,
    );
    expect(problemOf({ pathSecret: "short" })).toMatch(/^DRIVER_AUTH_PATH_SECRET: must be 32–256 characters/);
    expect(problemOf({ driverUrl: "http://cache-driver.example.com" })).toMatch(
      /^--driver-url: http: is not https:\. Fix: Humanitec calls drivers over HTTPS only/,
    );
    expect(problemOf({ driverUrl: "cache-driver" })).toMatch(/^--driver-url: "cache-driver" is not a URL/);
    expect(problemOf({ driverUrl: undefined })).toMatch(
      /^--driver-url: missing\. Fix: pass the driver's public URL/,
    );
    expect(problemOf({ target: "https://x.example.com/" })).toMatch(
      /^--target: and --driver-url exclude each other/,
    );
    expect(problemOf({ valuesJson: "{deployment" })).toMatch(/^--values: not JSON/);
    expect(problemOf({ valuesJson: '{"engine":"memcache"}' })).toMatch(
      /^--values: not valid driver inputs: engine: .*Fix: use the keys/,
    );
    expect(buildRegistration({ ...INPUT, driverUrl: "http://127.0.0.1:8080/" }).driver.target).toBe(
      `http://127.0.0.1:8080/${SECRET}/`,
    );
  });
});
