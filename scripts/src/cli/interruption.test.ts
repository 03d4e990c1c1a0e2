import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { onOutputClosed } from "./closed-output.js";
import { onInterrupt } from "./interruption.js";

const epipe = () => Object.assign(new Error("write EPIPE"), { code: "EPIPE" });

function fakeProcess() {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  return { target: Object.assign(emitter, { exit: (code: number) => void exits.push(code) }), exits };
}

describe("onOutputClosed", () => {
  it("calls back once for the first EPIPE of either stream and swallows the later ones", () => {
    const [stdout, stderr] = [new EventEmitter(), new EventEmitter()];
    let calls = 0;
    using _closed = onOutputClosed(() => calls++, [stdout, stderr]);

    stdout.emit("error", epipe());
    stderr.emit("error", epipe());
    stdout.emit("error", epipe());

    expect(calls).toBe(1);
  });

  it("throws any other write error, as an unhandled one would", () => {
    const stdout = new EventEmitter();
    using _closed = onOutputClosed(() => undefined, [stdout]);

    expect(() => stdout.emit("error", Object.assign(new Error("write EIO"), { code: "EIO" }))).toThrow(
      "write EIO",
    );
  });

  it("stops listening once disposed", () => {
    const stdout = new EventEmitter();
    const closed = onOutputClosed(() => undefined, [stdout]);
    closed[Symbol.dispose]();

    expect(stdout.listenerCount("error")).toBe(0);
  });
});

describe("onInterrupt", () => {
  it("treats a closed output as the first interruption: aborts once and says why", () => {
    const { target, exits } = fakeProcess();
    const stdout = new EventEmitter();
    const lines: string[] = [];
    using interruption = onInterrupt((line) => lines.push(line), target, [stdout]);

    stdout.emit("error", epipe());

    expect(interruption.signal.aborted).toBe(true);
    expect(String(interruption.signal.reason)).toContain("output closed");
    expect(lines).toEqual([
      "\noutput closed: stopping; removing what was created (Ctrl-C again quits at once)",
    ]);
    expect(exits).toEqual([]);
  });

  it("takes the EPIPE of its own notice after a Ctrl-C (tee ended by the same Ctrl-C) as the same interruption", () => {
    const { target, exits } = fakeProcess();
    const stdout = new EventEmitter();
    using interruption = onInterrupt(() => stdout.emit("error", epipe()), target, [stdout]);

    target.emit("SIGINT", "SIGINT");

    expect(interruption.signal.aborted).toBe(true);
    expect(String(interruption.signal.reason)).toContain("interrupted by SIGINT");
    expect(exits).toEqual([]);
  });

  it("quits at once on a second Ctrl-C more than a second later", async () => {
    const { target, exits } = fakeProcess();
    using _interruption = onInterrupt(() => undefined, target, []);

    target.emit("SIGINT", "SIGINT");
    target.emit("SIGTERM", "SIGTERM");
    expect(exits).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    target.emit("SIGINT", "SIGINT");

    expect(exits).toEqual([130]);
  });

  it("removes its signal and output listeners when disposed", () => {
    const { target } = fakeProcess();
    const stdout = new EventEmitter();
    const interruption = onInterrupt(() => undefined, target, [stdout]);
    interruption[Symbol.dispose]();

    expect(target.listenerCount("SIGINT") + target.listenerCount("SIGTERM")).toBe(0);
    expect(stdout.listenerCount("error")).toBe(0);
  });
});
