import path from "node:path";
import { REPO_ROOT } from "./driver-process.js";
import {
  jsonLogField,
  startProcess,
  type StartedProcess,
  type StartProcessOptions,
} from "./started-process.js";

export interface SampleAppProcess extends StartedProcess {
  readonly url: string;
}

/** The env Humanitec would inject into the workload from a redis resource's outputs. */
export interface RedisOutputs {
  values: { host: string; port: number; tls: boolean; ca_certificate?: string; key_prefix?: string };
  secrets: { username: string; password: string; url: string };
}

export function envFromOutputs(outputs: RedisOutputs): NodeJS.ProcessEnv {
  return {
    REDIS_HOST: outputs.values.host,
    REDIS_PORT: String(outputs.values.port),
    REDIS_TLS: String(outputs.values.tls),
    REDIS_USERNAME: outputs.secrets.username,
    REDIS_PASSWORD: outputs.secrets.password,
    ...(outputs.values.ca_certificate ? { REDIS_CA_CERTIFICATE: outputs.values.ca_certificate } : {}),
    // A shared cache's user may touch only keys under its prefix.
    ...(outputs.values.key_prefix ? { REDIS_KEY_PREFIX: outputs.values.key_prefix } : {}),
  };
}

/** Starts the sample app (sample-app/src/main.ts) as its own process on a free loopback port. */
export async function startSampleAppProcess(
  env: NodeJS.ProcessEnv,
  timeoutMs = 20_000,
  options: Pick<StartProcessOptions, "ownProcessGroup"> = {},
): Promise<SampleAppProcess> {
  const { process, ready } = await startProcess({
    name: "sample-app",
    command: globalThis.process.execPath,
    args: ["--import", "tsx", path.join(REPO_ROOT, "sample-app/src/main.ts")],
    cwd: REPO_ROOT,
    env: { ...globalThis.process.env, PORT: "0", HOST: "127.0.0.1", ...env },
    readyWhen: (line) => jsonLogField(line, "listening", "address"),
    timeoutMs,
    ...options,
  });
  return Object.assign(process, { url: ready.replace(/\/$/, "") });
}
