import { startDriverProcess, type DriverProcess } from "../harness/driver-process.js";

/** One replica's runs: every process it had (a killed one too), for its logs. */
interface Replica {
  current: DriverProcess | undefined;
  /** A start under way: a second restart waits for it rather than starting another process. */
  starting: Promise<void> | undefined;
  outputs: string[];
  starts: number;
}

/**
 * Two driver processes with the same key and settings, as two pods behind one Service: either may
 * be killed (SIGKILL, no shutdown) and started again on a new loopback port.
 */
export class ReplicaPair {
  readonly #env: NodeJS.ProcessEnv;
  readonly #replicas: [Replica, Replica] = [
    { current: undefined, starting: undefined, outputs: [], starts: 0 },
    { current: undefined, starting: undefined, outputs: [], starts: 0 },
  ];

  private constructor(env: NodeJS.ProcessEnv) {
    this.#env = env;
  }

  static async start(env: NodeJS.ProcessEnv): Promise<ReplicaPair> {
    const pair = new ReplicaPair(env);
    try {
      await Promise.all([pair.restart(0), pair.restart(1)]);
    } catch (error) {
      await pair.close();
      throw error;
    }
    return pair;
  }

  /** The v0.9 base URL of replica `index`, or undefined while it is down. */
  url(index: 0 | 1): string | undefined {
    return this.#replicas[index].current?.url;
  }

  /** SIGKILL: no shutdown, no last log line, requests in flight are cut. */
  async kill(index: 0 | 1): Promise<void> {
    const replica = this.#replicas[index];
    await replica.starting;
    const running = replica.current;
    if (!running) return;
    replica.current = undefined;
    running.child.kill("SIGKILL");
    await running.close(0);
    replica.outputs.push(running.output());
  }

  /** Starts the replica unless it runs (or is starting); a kill meanwhile waits for the start. */
  async restart(index: 0 | 1): Promise<void> {
    const replica = this.#replicas[index];
    if (replica.current) return;
    replica.starting ??= (async () => {
      try {
        replica.current = await startDriverProcess(this.#env, 30_000);
        replica.starts += 1;
      } finally {
        replica.starting = undefined;
      }
    })();
    await replica.starting;
  }

  /** Resolves once replica `index` runs (or has failed to start). */
  async running(index: 0 | 1): Promise<void> {
    await this.#replicas[index].starting?.catch(() => undefined);
  }

  /** How many times each replica was started. */
  starts(): [number, number] {
    return [this.#replicas[0].starts, this.#replicas[1].starts];
  }

  /** Everything every process of both replicas wrote so far. */
  logs(): string[] {
    return this.#replicas.flatMap((replica) => [
      ...replica.outputs,
      ...(replica.current ? [replica.current.output()] : []),
    ]);
  }

  async close(): Promise<void> {
    await Promise.all(
      this.#replicas.map(async (replica) => {
        await replica.starting?.catch(() => undefined);
        const running = replica.current;
        replica.current = undefined;
        if (running) {
          await running.close();
          replica.outputs.push(running.output());
        }
      }),
    );
  }
}
