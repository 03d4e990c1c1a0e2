import * as pulumi from "@pulumi/pulumi";
import { recordResources, type RecordedResource } from "./pulumi-mocks.js";

export interface ProgramRun {
  readonly resources: readonly RecordedResource[];
  /** The stack outputs, resolved; `undefined` for outputs the configuration leaves out. */
  readonly outputs: Readonly<Record<string, unknown>>;
  /** Names of the outputs Pulumi would store as secrets. */
  readonly secretOutputs: readonly string[];
  ofType(type: string): RecordedResource[];
  one(type: string, name?: string): RecordedResource;
}

const PROGRAM_TIMEOUT_MS = 20_000;

async function resolve<T>(output: pulumi.Output<T>): Promise<{ value: T; secret: boolean }> {
  const value = await new Promise<T>((done) => output.apply(done));
  return { value, secret: await pulumi.isSecret(output) };
}

async function withTimeout<T>(what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not finish within ${PROGRAM_TIMEOUT_MS} ms`)),
      PROGRAM_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs the program's entry point under mocks with this stack configuration (keys as in
 * `Pulumi.<stack>.yaml`), waits until every resource is registered, and returns what it did.
 * One run per test file: Pulumi's runtime is process-wide.
 */
export async function runProgram(
  config: Record<string, string>,
  secretKeys: string[] = [],
): Promise<ProgramRun> {
  const resources = await recordResources(config, secretKeys);
  const program = (await import("../../src/index.js")) as Record<string, unknown>;
  const outputs: Record<string, unknown> = {};
  const secretOutputs: string[] = [];
  await withTimeout(
    "the program",
    (async () => {
      for (const [key, value] of Object.entries(program)) {
        if (!pulumi.Output.isInstance(value)) {
          outputs[key] = value;
          continue;
        }
        const { value: resolved, secret } = await resolve(value);
        outputs[key] = resolved;
        if (secret) secretOutputs.push(key);
      }
      await pulumi.runtime.disconnect();
    })(),
  );
  const ofType = (type: string) => resources.filter((resource) => resource.type === type);
  return {
    resources,
    outputs,
    secretOutputs,
    ofType,
    one(type, name) {
      const matches = ofType(type).filter((resource) => name === undefined || resource.name === name);
      if (matches.length !== 1)
        throw new Error(`expected one ${type}${name ? ` named ${name}` : ""}, found ${matches.length}`);
      return matches[0]!;
    },
  };
}
