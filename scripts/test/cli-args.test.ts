import { afterEach, describe, expect, it, vi } from "vitest";
import { cliArgs } from "../cli-args.js";

const OPTIONS = { runs: { type: "string" as const, default: "30" } };
const argv = process.argv;

/** cliArgs over `args` as a script's command line; an exit becomes a thrown "exit <code>". */
function parse(args: string[]): Record<string, unknown> {
  process.argv = [argv[0] ?? "node", "script.ts", ...args];
  vi.spyOn(process, "exit").mockImplementation((code) => {
    throw new Error(`exit ${String(code)}`);
  });
  vi.spyOn(console, "error").mockImplementation(() => {});
  vi.spyOn(console, "log").mockImplementation(() => {});
  return cliArgs("Usage: test", OPTIONS);
}

afterEach(() => {
  process.argv = argv;
  vi.restoreAllMocks();
});

describe("cliArgs", () => {
  it("reads the flags, with their defaults", () => {
    expect(parse(["--runs", "3"])).toMatchObject({ runs: "3" });
    expect(parse([])).toMatchObject({ runs: "30" });
  });

  it("takes the flags after the `--` that pnpm passes on", () => {
    expect(parse(["--", "--runs", "3"])).toMatchObject({ runs: "3" });
  });

  it("answers an unknown flag or a stray argument with the usage and exit 2", () => {
    expect(() => parse(["--runz", "3"])).toThrow("exit 2");
    expect(() => parse(["3"])).toThrow("exit 2");
    expect(() => parse(["--", "--", "--runs", "3"])).toThrow("exit 2");
  });

  it("answers --help with the usage and exit 0", () => {
    const log = vi.spyOn(console, "log");
    expect(() => parse(["--help"])).toThrow();
    // The first exit is the one that ends the process.
    expect(vi.mocked(process.exit).mock.calls[0]).toEqual([0]);
    expect(log).toHaveBeenCalledWith("Usage: test");
  });
});
