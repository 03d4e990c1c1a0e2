import { describe, expect, it } from "vitest";
import { nodeAmiType } from "./node-ami-type.js";

describe("nodeAmiType", () => {
  it.each([
    "t4g.small",
    "m7g.large",
    "c6gn.xlarge",
    "r8gd.medium",
    "im4gn.large",
    "is4gen.medium",
    "g5g.xlarge",
  ])("picks the arm64 image for Graviton type %s", (type) =>
    expect(nodeAmiType(type)).toBe("AL2023_ARM_64_STANDARD"),
  );

  it.each(["t3.small", "t3a.medium", "m6i.large", "g4dn.xlarge", "g5.xlarge", "m5dn.large", "u-6tb1.metal"])(
    "picks the x86_64 image for %s",
    (type) => expect(nodeAmiType(type)).toBe("AL2023_x86_64_STANDARD"),
  );
});
