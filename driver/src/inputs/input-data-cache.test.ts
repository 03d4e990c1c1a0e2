import { describe, expect, it, vi } from "vitest";
import { ValidationError } from "../errors.js";
import { InputDataCache } from "./input-data-cache.js";

const text = (values: Record<string, unknown>) => JSON.stringify({ type: "redis", driver: { values } });
const parse = (cache: InputDataCache, body: string) => cache.parse(body);

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

  it("reports a missing body for no text and for an empty one", () => {
    const cache = new InputDataCache();
    expect(() => cache.parse(undefined)).toThrow(/no body/);
    expect(() => cache.parse("")).toThrow(/no body/);
  });

  it("refuses text that is not JSON every time, naming the body (nothing is remembered)", () => {
    const cache = new InputDataCache();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expect(() => cache.parse('{"type": "redis",')).toThrow(
        expect.objectContaining({ code: "RES-100", field: "body" }),
      );
    }
  });

  it("does not parse a text again that it has seen", () => {
    const cache = new InputDataCache();
    const body = text({ tls: false });
    const first = parse(cache, body);
    const jsonParse = vi.spyOn(JSON, "parse");
    try {
      expect(parse(cache, body)).toBe(first);
      expect(jsonParse).not.toHaveBeenCalled();
    } finally {
      jsonParse.mockRestore();
    }
  });

  it("freezes arrays and leaves no object inside unfrozen", () => {
    const cache = new InputDataCache();
    const body = JSON.stringify({ type: "redis", resource: { zones: ["a", { b: 1 }] } });
    const parsed = cache.parse(body) as unknown as {
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
