import { isPlainObject, differingPaths } from "../../shapes/json.js";

/** The parts of OutputData that must not change while the desired state does not. */
export function comparableOutputs(body: unknown): unknown {
  if (!isPlainObject(body)) return body;
  return { id: body.id, type: body.type, resource: body.resource, manifests: body.manifests ?? [] };
}

/** Fields (never values) where two OutputData bodies differ. */
export function outputDifferences(expected: unknown, actual: unknown): string[] {
  return differingPaths(comparableOutputs(expected), comparableOutputs(actual));
}
