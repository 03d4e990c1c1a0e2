import { describe, expect, it } from "vitest";
import { EmulatorConfigError, loadEmulatorConfig } from "./load-emulator-config.js";

describe("EMULATOR_ENGINE_IMAGES", () => {
  it("maps engine and major version to container images; none by default", () => {
    expect(loadEmulatorConfig({}).engineImages).toEqual({});
    expect(
      loadEmulatorConfig({ EMULATOR_ENGINE_IMAGES: "valkey:8=valkey/valkey:8,redis:6=redis:6.2" })
        .engineImages,
    ).toEqual({ "valkey:8": "valkey/valkey:8", "redis:6": "redis:6.2" });
  });

  it("refuses an entry it cannot read, naming the variable and the fix", () => {
    expect(() => loadEmulatorConfig({ EMULATOR_ENGINE_IMAGES: "valkey8=valkey/valkey:8" })).toThrow(
      EmulatorConfigError,
    );
    expect(() => loadEmulatorConfig({ EMULATOR_ENGINE_IMAGES: "valkey8=valkey/valkey:8" })).toThrow(
      /EMULATOR_ENGINE_IMAGES: "valkey8=valkey\/valkey:8" is not engine:major=image; write e\.g\. valkey:8=valkey\/valkey:8/,
    );
  });
});
