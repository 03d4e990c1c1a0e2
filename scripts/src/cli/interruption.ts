/**
 * Ctrl-C handling for commands that must clean up: the first signal aborts `signal` (the command
 * then deletes what it created), a second one more than a second later quits at once. pnpm and npm
 * pass the terminal's Ctrl-C on as a SIGTERM moments later: that counts as the same interruption.
 */
export interface Interruption extends Disposable {
  readonly signal: AbortSignal;
}

export function onInterrupt(
  notify: (line: string) => void,
  target: Pick<NodeJS.Process, "on" | "off" | "exit"> = process,
): Interruption {
  const controller = new AbortController();
  let since: number | undefined;
  const handler = (signal: NodeJS.Signals) => {
    if (since === undefined) {
      since = Date.now();
      notify(`\n${signal}: stopping; removing what was created (Ctrl-C again quits at once)`);
      controller.abort(new Error(`interrupted by ${signal}`));
      return;
    }
    if (Date.now() - since < 1_000) return;
    notify(`\n${signal} again: quitting without cleaning up`);
    target.exit(130);
  };
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  for (const signal of signals) target.on(signal, handler);
  return {
    signal: controller.signal,
    [Symbol.dispose]: () => {
      for (const signal of signals) target.off(signal, handler);
    },
  };
}
