import { isNotFound, toProvisionerError } from "./aws-faults.js";

/** Runs one AWS call; a failure becomes the provisioner contract's typed error for `action`. */
export async function awsCall<T>(
  action: string,
  target: string,
  run: () => Promise<T>,
  secrets: readonly string[] = [],
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toProvisionerError(error, { action, target, secrets });
  }
}

/** Like awsCall, but "not found" is an answer: undefined. */
export async function awsLookup<T>(
  action: string,
  target: string,
  run: () => Promise<T>,
  secrets: readonly string[] = [],
): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw toProvisionerError(error, { action, target, secrets });
  }
}

/** Throws `error` as the typed error of a failed `action`. */
export function awsFault(
  error: unknown,
  action: string,
  target: string,
  secrets: readonly string[] = [],
): never {
  throw toProvisionerError(error, { action, target, secrets });
}
