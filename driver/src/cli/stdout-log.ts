import pino, { type DestinationStream } from "pino";

/** Where the driver's process writes its JSON log lines: stdout, asynchronously. */
export interface StdoutLog {
  readonly destination: DestinationStream;
  /** Calls `listener` once when stdout turns out closed: its reader is gone (EPIPE). */
  onClosed(listener: () => void): void;
  /**
   * Resolves once every line written so far reached stdout, stdout turned out closed, or
   * `timeoutMs` passed, whichever comes first. Call it before `process.exit`.
   */
  settle(timeoutMs: number): Promise<void>;
}

/**
 * Asynchronous stdout (a status poll must not wait for its log line to reach the pipe) that is safe
 * to exit with when stdout is closed. pino flushes an asynchronous destination synchronously at
 * exit, and sonic-boom 4's synchronous flush retries a failed write every 100 ms until it succeeds:
 * with EPIPE (the reader of the pipe is gone, e.g. `npm run up` ended without stopping the driver)
 * that is forever, and the process never exits, whatever signal it gets. Waiting here until the
 * last line is written, or its EPIPE is reported (pino then drops every later line), leaves that
 * flush nothing to retry.
 */
export function stdoutLog(fd = 1): StdoutLog {
  const stream = pino.destination({ dest: fd, sync: false });
  let pending = 0;
  let closed = false;
  const waiters = new Set<() => void>();
  const closedListeners: (() => void)[] = [];
  const wake = () => {
    if (!closed && pending > 0) return;
    for (const waiter of waiters) waiter();
    waiters.clear();
  };
  stream.on("write", (bytes: number) => {
    pending = Math.max(0, pending - bytes);
    wake();
  });
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    if (closed) return;
    closed = true;
    wake();
    for (const listener of closedListeners.splice(0)) listener();
  });
  return {
    destination: {
      write(line: string) {
        if (closed) return;
        pending += Buffer.byteLength(line);
        stream.write(line);
      },
    },
    onClosed(listener) {
      if (closed) listener();
      else closedListeners.push(listener);
    },
    settle(timeoutMs) {
      if (closed || pending === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, timeoutMs);
        waiters.add(done);
      });
    },
  };
}
