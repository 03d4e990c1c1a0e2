import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export interface ExpressBaseline extends AsyncDisposable {
  /** A resource URL on the baseline, answering PUT and GET as the driver does for a ready resource. */
  readonly url: string;
  /** The baseline's process, for its CPU time. */
  readonly pid: number;
}

const SERVER = fileURLToPath(new URL("./baseline-server.mjs", import.meta.url));

/**
 * The yardstick of the poll path: a bare Express 5 app that parses the same JSON body and sends a
 * JSON answer of the same size as the driver's, and does nothing else (no validation, cookie,
 * logging or lookup). It runs as its own process, as the driver does, so that neither shares an
 * event loop with the load generator. What the driver adds per poll is the difference.
 */
export async function startExpressBaseline(
  answer: string,
  timeoutMs = 10_000,
  /** Node.js options before the server's script, e.g. `--cpu-prof`. */
  nodeArgs: readonly string[] = [],
): Promise<ExpressBaseline> {
  const child = spawn(process.execPath, [...nodeArgs, SERVER], {
    env: { ...process.env, BASELINE_ANSWER: answer },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = once(child, "exit");
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  const lines = createInterface({ input: child.stdout });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill("SIGKILL");
  }, timeoutMs);
  try {
    const [port] = (await Promise.race([
      once(lines, "line"),
      exited.then(([code, signal]: unknown[]) => {
        throw new Error(
          timedOut
            ? `the Express baseline did not listen within ${timeoutMs} ms`
            : `the Express baseline exited (${String(code ?? signal)}) before it listened; its errors are above`,
        );
      }),
    ])) as [string];
    return {
      url: `http://127.0.0.1:${port}/${"0".repeat(40)}`,
      pid: child.pid ?? 0,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
    lines.close();
  }
}
