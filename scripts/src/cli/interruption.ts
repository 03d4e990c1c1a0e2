import { onOutputClosed, PROCESS_OUTPUTS, type OutputStream } from "./closed-output.js";

/**
 * Ctrl-C handling for commands that must clean up: the first signal aborts `signal` (the command
 * then deletes what it created), a second one more than a second later quits at once. pnpm and npm
 * pass the terminal's Ctrl-C on as a SIGTERM moments later: that counts as the same interruption.
 * A closed output (the pipe's reader is gone) is an interruption too: nobody sees the command any
 * more, and what it started must not outlive it.
 */
export interface Interruption extends Disposable {
  readonly signal: AbortSignal;
}

/** Where signals arrive and how to quit: the process. */
export interface SignalTarget {
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  exit(code: number): void;
}

export function onInterrupt(
  notify: (line: string) => void,
  target: SignalTarget = process,
  outputs: readonly OutputStream[] = PROCESS_OUTPUTS,
): Interruption {
  const controller = new AbortController();
  let since: number | undefined;
  const handler = (cause: NodeJS.Signals | "output closed") => {
    if (since === undefined) {
      since = Date.now();
      notify(`\n${cause}: stopping; removing what was created (Ctrl-C again quits at once)`);
      controller.abort(new Error(cause === "output closed" ? "output closed" : `interrupted by ${cause}`));
      return;
    }
    if (cause === "output closed" || Date.now() - since < 1_000) return;
    notify(`\n${cause} again: quitting without cleaning up`);
    target.exit(130);
  };
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  for (const signal of signals) target.on(signal, handler);
  const closed = onOutputClosed(() => handler("output closed"), outputs);
  return {
    signal: controller.signal,
    [Symbol.dispose]: () => {
      for (const signal of signals) target.off(signal, handler);
      closed[Symbol.dispose]();
    },
  };
}
