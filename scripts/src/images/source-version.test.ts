import { describe, expect, it } from "vitest";
import { imageTag } from "./source-version.js";

describe("the images' tag", () => {
  it("is the commit for a clean checkout, so a rerun finds the pushed images", () => {
    expect(imageTag({ commit: "0123456789ab", dirty: false }, new Date("2026-11-30T12:34:56.789Z"))).toBe(
      "git-0123456789ab",
    );
  });

  it("adds the time for uncommitted changes, so each such build is deployed as new, within Docker's tag rules", () => {
    const tag = imageTag({ commit: "0123456789ab", dirty: true }, new Date("2026-11-30T12:34:56.789Z"));
    expect(tag).toBe("git-0123456789ab-dirty-20261130t123456z");
    expect(tag).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/);
  });
});
