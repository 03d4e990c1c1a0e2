import { describe, expect, it } from "vitest";
import { describeEngines, imageFor, majorOf, parseEngineImages, runsAsRequested } from "./engine-images.js";

describe("parseEngineImages", () => {
  it("reads engine:major=image entries", () => {
    const images = parseEngineImages(
      " valkey:8=valkey/valkey:8 , redis:7=redis:7,valkey:7=valkey/valkey:7.2",
    );
    expect([...images]).toEqual([
      ["valkey:8", "valkey/valkey:8"],
      ["redis:7", "redis:7"],
      ["valkey:7", "valkey/valkey:7.2"],
    ]);
    expect(parseEngineImages("").size).toBe(0);
  });

  it.each([
    ["valkey=valkey/valkey:8", "is not engine:major=image"],
    ["valkey:8", "is not engine:major=image"],
    ["valkey:8.0=valkey/valkey:8", "is not engine:major=image"],
    ["memcached:1=memcached:1", 'names engine "memcached"; the engines are redis and valkey'],
    ["redis:7=redis:7,redis:7=redis:7.2", "redis:7 is listed twice"],
  ])("refuses %s, naming the problem", (spec, message) => {
    expect(() => parseEngineImages(spec)).toThrow(message);
  });
});

describe("imageFor", () => {
  const images = parseEngineImages("valkey:8=valkey/valkey:8,valkey:7=valkey/valkey:7.2");

  it("picks the image listed for the engine and major version", () => {
    expect(imageFor(images, { engine: "valkey", version: "8.0" }, "redis:7")).toBe("valkey/valkey:8");
    expect(imageFor(images, { engine: "valkey", version: "7.2" }, "redis:7")).toBe("valkey/valkey:7.2");
    expect(imageFor(images, { engine: "valkey", version: "8" }, "redis:7")).toBe("valkey/valkey:8");
  });

  it("falls back to the runtime's one image for what is not listed", () => {
    expect(imageFor(images, { engine: "redis", version: "7.1" }, "redis:7")).toBe("redis:7");
    expect(imageFor(new Map(), { engine: "valkey", version: "8.0" }, "redis:7")).toBe("redis:7");
  });
});

describe("what runs against what was asked", () => {
  it("compares the engine and the major version", () => {
    expect(majorOf("7.1")).toBe("7");
    expect(runsAsRequested({ engine: "redis", version: "7.1" }, "Redis OSS 7.0.15")).toBe(true);
    expect(runsAsRequested({ engine: "valkey", version: "8" }, "Valkey 8.0.1")).toBe(true);
    expect(runsAsRequested({ engine: "valkey", version: "8.0" }, "Redis OSS 7.0.15")).toBe(false);
    expect(runsAsRequested({ engine: "redis", version: "6.2" }, "Redis OSS 7.0.15")).toBe(false);
    expect(runsAsRequested({ engine: "redis", version: "7.1" }, "Redis OSS (unknown version)")).toBe(false);
  });

  it("says so in the created event when they differ", () => {
    expect(describeEngines({ engine: "valkey", version: "8.0" }, "Redis OSS 7.0.15")).toBe(
      "valkey 8.0 requested; its engines run Redis OSS 7.0.15, not valkey 8",
    );
    expect(describeEngines({ engine: "valkey", version: "8.0" }, "Valkey 8.0.1")).toBe(
      "valkey 8.0 requested; its engines run Valkey 8.0.1",
    );
    expect(describeEngines({ engine: "redis", version: "7.1" }, undefined)).toBe(
      "redis 7.1 requested; its engines run nothing",
    );
  });
});
