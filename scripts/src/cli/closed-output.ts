/** A stream whose write errors arrive as `error` events: process.stdout and process.stderr. */
export interface OutputStream {
  on(event: "error", listener: (error: NodeJS.ErrnoException) => void): unknown;
  off(event: "error", listener: (error: NodeJS.ErrnoException) => void): unknown;
}

export const PROCESS_OUTPUTS: readonly OutputStream[] = [process.stdout, process.stderr];

/**
 * Calls `onClosed` once when the reader of stdout or stderr goes away (`npm run up | head`, or the
 * `tee` of `npm run up 2>&1 | tee up.log` ended by the same Ctrl-C). Every later write fails with
 * EPIPE, which Node reports as an `error` event on the stream: without a listener that ends the
 * process at once, leaving its children running. With this one, the lines written after that go
 * nowhere and the command can still stop what it started. Any other write error is thrown as before.
 */
export function onOutputClosed(
  onClosed: () => void,
  streams: readonly OutputStream[] = PROCESS_OUTPUTS,
): Disposable {
  let closed = false;
  const listener = (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    if (closed) return;
    closed = true;
    onClosed();
  };
  for (const stream of streams) stream.on("error", listener);
  return {
    [Symbol.dispose]: () => {
      for (const stream of streams) stream.off("error", listener);
    },
  };
}
