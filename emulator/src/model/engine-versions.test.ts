import { describe, expect, it } from "vitest";
import { engineVersion, majorEngineVersion, parameterGroupFamily } from "./engine-versions.js";

describe("engine versions", () => {
  it("defaults to the newest version and accepts major.minor prefixes", () => {
    expect(engineVersion("valkey", undefined)).toBe("8.1");
    expect(engineVersion("redis", "7")).toBe("7.1");
    expect(engineVersion("redis", "6.x")).toBe("6.2");
    expect(engineVersion("valkey", "8.0")).toBe("8.0");
  });

  it("refuses versions ElastiCache does not offer, listing those it does", () => {
    expect(() => engineVersion("valkey", "6.2")).toThrow(/Cannot find version 6.2 for valkey.*7.2, 8.0, 8.1/);
    expect(() => majorEngineVersion("redis", "8")).toThrow(/Supported: 7/);
  });

  it("maps versions to parameter group families", () => {
    expect(parameterGroupFamily("redis", "7.1")).toBe("redis7");
    expect(parameterGroupFamily("redis", "6.2")).toBe("redis6.x");
    expect(parameterGroupFamily("redis", "5.0.6")).toBe("redis5.0");
    expect(parameterGroupFamily("valkey", "8.0")).toBe("valkey8");
  });
});
