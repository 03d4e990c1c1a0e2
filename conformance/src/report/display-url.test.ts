import { describe, expect, it } from "vitest";
import { displayUrl } from "./build-report.js";

describe("displayUrl", () => {
  it("hides user info and a secret target path segment", () => {
    expect(displayUrl("https://user:pass@driver.example.com/0123456789abcdef0123456789abcdef/")).toBe(
      "https://driver.example.com/[secret]/",
    );
    expect(displayUrl("https://driver.example.com/aZ3kQ9vL2mX7pR4tW8yB1cN6/redis")).toBe(
      "https://driver.example.com/[secret]/redis",
    );
  });

  it("keeps names that only look long", () => {
    for (const url of [
      "http://127.0.0.1:8080/",
      "https://driver.example.com/redis-driver-2020/",
      "https://driver.example.com/elasticache-driver-kit/2020/",
    ]) {
      expect(displayUrl(url)).toBe(url);
    }
  });
});
