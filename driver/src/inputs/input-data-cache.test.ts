import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.js";
import { InputDataCache } from "./input-data-cache.js";

const text = (values: Record<string, unknown>) => JSON.stringify({ type: "redis", driver: { values } });
const parse = (cache: InputDataCache, body: string) => cache.parse(body, JSON.parse(body));

describe("InputDataCache", () => {
  it("answers the same body text with the same parsed object, frozen to the leaves", () => {
    const cache = new InputDataCache();
    const body = text({ tls: false, tags: { team: "a" } });
    const first = parse(cache, body);
    expect(parse(cache, body)).toBe(first);
    expect(first.driver.values).toMatchObject({ tls: false, tags: { team: "a" } });
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.driver.values.tags)).toBe(true);
    expect(() => {
      (first.driver.values as { tls: boolean }).tls = true;
    }).toThrow(TypeError);
  });

  it("parses another text anew, even one that means the same", () => {
    const cache = new InputDataCache();
    const first = parse(cache, text({ tls: false }));
    const spaced = parse(cache, ` ${text({ tls: false })}`);
    expect(spaced).not.toBe(first);
    expect(spaced).toEqual(first);
  });

  it("never remembers a body that fails validation: it is refused every time", () => {
    const cache = new InputDataCache();
    const bad = text({ tls: "yes" });
    expect(() => parse(cache, bad)).toThrow(ValidationError);
    expect(() => parse(cache, bad)).toThrow(ValidationError);
  });

  it("reports a missing body, and parses an empty text from what JSON made of it", () => {
    const cache = new InputDataCache();
    expect(() => cache.parse(undefined, undefined)).toThrow(/no body/);
    expect(() => cache.parse("", {})).toThrow(ValidationError);
  });

  it("parses a body that came without its text every time, and leaves it unfrozen", () => {
    const cache = new InputDataCache();
    const body = JSON.parse(text({ tls: false })) as unknown;
    const first = cache.parse(undefined, body);
    expect(cache.parse(undefined, body)).not.toBe(first);
    expect(Object.isFrozen(first)).toBe(false);
    expect(cache.parse("", body)).not.toBe(first);
  });

  it("freezes arrays and leaves no object inside unfrozen", () => {
    const cache = new InputDataCache();
    const body = JSON.stringify({ type: "redis", resource: { zones: ["a", { b: 1 }] } });
    const parsed = cache.parse(body, JSON.parse(body)) as unknown as {
      resource: { zones: [string, object] };
    };
    expect(Object.isFrozen(parsed.resource.zones)).toBe(true);
    expect(Object.isFrozen(parsed.resource.zones[1])).toBe(true);
  });

  it("keeps its memory within the bound, forgetting the least recently used bodies first", () => {
    const first = text({ tags: { n: "0" } });
    const cache = new InputDataCache(first.length * 3);
    const parsed = parse(cache, first);
    for (let n = 1; n <= 3; n += 1) parse(cache, text({ tags: { n: String(n) } }));
    expect(parse(cache, first)).not.toBe(parsed);
  });
});
