import { describe, expect, it } from "vitest";
import { AwsFault } from "../protocol/aws-fault.js";
import { paginate } from "./paginate.js";

describe("paginate", () => {
  const items = Array.from({ length: 45 }, (_, index) => index);

  it("walks every item once through markers", () => {
    const seen: number[] = [];
    let marker: string | undefined;
    do {
      const page = paginate(items, 20, marker);
      seen.push(...page.items);
      marker = page.marker;
    } while (marker !== undefined);
    expect(seen).toEqual(items);
  });

  it("refuses sizes outside AWS's range and foreign markers", () => {
    expect(() => paginate(items, 5, undefined)).toThrow(AwsFault);
    expect(() => paginate(items, 101, undefined)).toThrow(/between 20 and 100/);
    expect(() => paginate(items, 20, "garbage")).toThrow(/marker/);
  });
});
