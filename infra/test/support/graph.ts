import type { PolicyResource } from "@pulumi/policy";
import type { RecordedResource } from "./pulumi-mocks.js";

const noOptions = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  additionalSecretOutputs: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
};

/** The recorded resources as the policy engine sees a stack after `pulumi up`: outputs with ids. */
export function asPolicyResources(resources: readonly RecordedResource[]): PolicyResource[] {
  return resources.map((resource) => ({
    type: resource.type,
    name: resource.name,
    props: { ...resource.inputs, ...resource.state, id: resource.id },
    urn: `urn:pulumi:dev::elasticache-driver-kit::${resource.type}::${resource.name}`,
    opts: noOptions,
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  }));
}

/** Kubernetes objects as the program rendered them (Pulumi adds apiVersion and kind to the inputs). */
export function kubernetesObjects(resources: readonly RecordedResource[]): Record<string, unknown>[] {
  return resources
    .filter((resource) => resource.type.startsWith("kubernetes:"))
    .map((resource) => resource.inputs);
}
