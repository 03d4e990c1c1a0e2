import type { CacheConsumer, StartConsumer } from "./cache-consumer.js";
import { sampleAppClient } from "./sample-app-client.js";
import { envFromOutputs, startSampleAppProcess } from "./sample-app-process.js";

export interface SampleAppConsumerOptions {
  /** How long the app may take to listen, in ms (default 20 000). */
  readonly startTimeoutMs?: number;
  /** Bound on one request to the app, in ms (default 10 000). */
  readonly requestTimeoutMs?: number;
  /** See `StartProcessOptions.ownProcessGroup`. */
  readonly ownProcessGroup?: boolean;
  /**
   * More environment for the app, beside what the outputs give, e.g. `NODE_EXTRA_CA_CERTS` for a
   * local endpoint whose certificates no public CA signs. The outputs win on a clash.
   */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * The sample app as a process of its own, configured only with the env Humanitec would inject from
 * the outputs: readiness is its `/readyz`, a visit is `POST /api/visits`.
 */
export function sampleAppConsumer(options: SampleAppConsumerOptions = {}): StartConsumer {
  return async (outputs) => {
    const app = await startSampleAppProcess(
      { ...options.env, ...envFromOutputs(outputs) },
      options.startTimeoutMs,
      { ownProcessGroup: options.ownProcessGroup ?? false },
    );
    const client = sampleAppClient(app.url, options.requestTimeoutMs);
    const close = async () => {
      await app.close();
    };
    // A request the app cannot answer (e.g. it crashed) is explained by what the app logged last.
    const explained = <T>(call: Promise<T>) =>
      call.catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        const tail = app.output().split("\n").slice(-10).join("\n");
        throw new Error(`${message}; the sample app's last output:\n${tail}`, { cause: error });
      });
    return {
      description: `sample app at ${app.url}`,
      url: app.url,
      readiness: (signal) => explained(client.readiness(signal)),
      visit: (signal) => explained(client.visit(signal)),
      close,
      [Symbol.asyncDispose]: close,
    } satisfies CacheConsumer;
  };
}
