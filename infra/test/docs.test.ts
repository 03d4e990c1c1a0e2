import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseStackConfig, STACK_CONFIG_KEYS } from "../src/config/stack-config.js";
import { tableKeys } from "./support/markdown-table.js";

const PROJECT = "elasticache-driver-kit";
const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), "utf8");

/** A stack file's config as Pulumi hands it to the program: strings, lists as JSON. */
function stackFileConfig(file: string): Record<string, string> {
  const { config } = parse(read(file)) as { config: Record<string, unknown> };
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    const name = key === "aws:region" ? "region" : key.replace(`${PROJECT}:`, "");
    raw[name] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return raw;
}

describe("infra/README.md", () => {
  it("documents every configuration key, and no other", () => {
    const documented = tableKeys(read("README.md"), "Key ");
    expect(documented.sort()).toEqual(
      ["aws:region", ...STACK_CONFIG_KEYS.filter((key) => key !== "region")].sort(),
    );
  });
});

describe("the example stack files", () => {
  it("hold a valid dev configuration with one NAT gateway and two small nodes", () => {
    const config = parseStackConfig(PROJECT, stackFileConfig("Pulumi.dev.yaml.example"));
    expect(config).toMatchObject({
      natGateways: "single",
      availabilityZoneCount: 2,
      nodeCount: 2,
      nodeInstanceType: "t3.small",
    });
  });

  it("hold a valid production configuration over three zones, with HTTPS", () => {
    const config = parseStackConfig(PROJECT, stackFileConfig("Pulumi.prod.yaml.example"));
    expect(config).toMatchObject({
      natGateways: "one-per-az",
      availabilityZoneCount: 3,
      driverHostname: "cache-driver.example.com",
    });
  });
});
