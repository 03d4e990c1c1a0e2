import { execFile } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startProcess, type StartedProcess } from "@elasticache-driver-kit/e2e";
import { commandProbe } from "../preflight/command-probe.js";

/** Reaches workloads inside the cluster from this machine. */
export interface ClusterAccess extends AsyncDisposable {
  /** A loopback base URL (no trailing slash) that reaches `port` of a pod of `deployment`. */
  forward(namespace: string, deployment: string, port: number): Promise<string>;
  /**
   * Undefined when the Kubernetes API answers these credentials (a read of `namespace`, bounded in
   * time); else why not: unreachable, or the identity has no access entry on the cluster.
   */
  problem(namespace: string): Promise<string | undefined>;
  /** Drops a forward that stopped working, so the next `forward` starts a fresh one. */
  drop(namespace: string, deployment: string, port: number): Promise<void>;
  close(): Promise<void>;
}

export type OpenClusterAccess = (kubeconfig: string) => Promise<ClusterAccess>;

/**
 * `kubectl port-forward` with the stack's kubeconfig (kept in a private temporary file while the
 * command runs), one forward per deployment and port, all stopped at close.
 */
export const kubectlClusterAccess: OpenClusterAccess = async (kubeconfig) => {
  const kubectl = await commandProbe()("kubectl", ["version", "--client"]);
  if (!kubectl.found) throw new Error("kubectl is not on PATH (https://kubernetes.io/docs/tasks/tools/)");
  const dir = await mkdtemp(path.join(tmpdir(), "kit-kubeconfig-"));
  const file = path.join(dir, "kubeconfig.json");
  await writeFile(file, kubeconfig, { mode: 0o600 });
  await chmod(file, 0o600);
  const forwards = new Map<string, Promise<{ process: StartedProcess; url: string }>>();
  const key = (namespace: string, deployment: string, port: number) => `${namespace}/${deployment}:${port}`;

  const drop = async (namespace: string, deployment: string, port: number) => {
    const forward = forwards.get(key(namespace, deployment, port));
    forwards.delete(key(namespace, deployment, port));
    await forward?.then(
      ({ process }) => process.close(),
      () => undefined,
    );
  };
  const close = async () => {
    await Promise.all(
      [...forwards.values()].map((f) =>
        f.then(
          ({ process }) => process.close(),
          () => undefined,
        ),
      ),
    );
    forwards.clear();
    await rm(dir, { recursive: true, force: true });
  };
  return {
    problem: (namespace) =>
      new Promise((resolve) => {
        execFile(
          "kubectl",
          ["--kubeconfig", file, "get", "namespace", namespace, "-o", "name", "--request-timeout=20s"],
          { timeout: 30_000, env: process.env },
          (error, _stdout, stderr) => {
            if (!error || /NotFound/.test(stderr)) resolve(undefined);
            else resolve((stderr.trim().split("\n").at(-1) ?? error.message).slice(0, 300));
          },
        );
      }),
    async forward(namespace, deployment, port) {
      const k = key(namespace, deployment, port);
      let forward = forwards.get(k);
      if (!forward) {
        forward = startProcess({
          name: `kubectl port-forward ${deployment}`,
          command: "kubectl",
          args: [
            "--kubeconfig",
            file,
            "-n",
            namespace,
            "port-forward",
            `deployment/${deployment}`,
            `:${port}`,
            "--address",
            "127.0.0.1",
          ],
          cwd: dir,
          env: process.env,
          readyWhen: (line) => /Forwarding from 127\.0\.0\.1:(\d+)/.exec(line)?.[1],
          timeoutMs: 60_000,
        }).then(({ process, ready }) => ({ process, url: `http://127.0.0.1:${ready}` }));
        forwards.set(k, forward);
        forward.catch(() => forwards.delete(k));
      }
      return (await forward).url;
    },
    drop,
    close,
    [Symbol.asyncDispose]: close,
  };
};
