import { describe, expect, it } from "vitest";
import { parseArgs } from "./parse-args.js";

describe("parseArgs", () => {
  it("reads the port and host in both spellings, and help", () => {
    expect(parseArgs(["--port", "0", "--host=127.0.0.1"])).toEqual({
      help: false,
      port: 0,
      host: "127.0.0.1",
    });
    expect(parseArgs(["--port=4575"]).port).toBe(4575);
    expect(parseArgs(["-h"]).help).toBe(true);
  });

  it("names what is wrong", () => {
    expect(() => parseArgs(["--port", "http"])).toThrow(/--port: "http" is not a port number/);
    expect(() => parseArgs(["--port"])).toThrow(/--port needs a value/);
    expect(() => parseArgs(["--verbose"])).toThrow(/unknown argument "--verbose"/);
  });
});
