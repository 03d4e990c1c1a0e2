import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";

interface Model {
  validate(): void;
}

/** Models of the kinds the program renders; an object of any other kind fails validation. */
const MODELS: Readonly<Record<string, new (object: never) => Model>> = {
  "apps/v1/Deployment": Deployment,
  "policy/v1/PodDisruptionBudget": PodDisruptionBudget,
  "v1/Namespace": Namespace,
  "v1/Secret": Secret,
  "v1/Service": Service,
  "v1/ServiceAccount": ServiceAccount,
};

/**
 * Validates a Kubernetes object against the API's OpenAPI schema (types, required fields, enums,
 * formats such as quantities and DNS names). Throws with the offending paths.
 */
export function validateKubernetesObject(object: { apiVersion?: unknown; kind?: unknown }): void {
  const key = `${String(object.apiVersion)}/${String(object.kind)}`;
  const model = MODELS[key];
  if (!model) throw new Error(`no schema for ${key}; add its model to test/support/kubernetes-schemas.ts`);
  new model(object as never).validate();
}
