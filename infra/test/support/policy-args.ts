import type {
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";

const notApplicable = (reason?: string): never => {
  throw new Error(`not applicable: ${reason ?? ""}`);
};

const noOptions = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  additionalSecretOutputs: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
};

/** What the policy engine passes for one resource, built by hand (a pack is never started in tests). */
export function resourceArgs(
  type: string,
  props: Record<string, unknown>,
  config: object = {},
  name = "res",
): ResourceValidationArgs {
  return {
    type,
    props,
    urn: `urn:pulumi:dev::elasticache-driver-kit::${type}::${name}`,
    name,
    opts: noOptions,
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => config as T,
    notApplicable,
  };
}

export interface ResourceSpec {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  /** Property name → names of the resources its value came from. */
  readonly dependsOn?: Record<string, string[]>;
}

/** A stack as the policy engine presents it: resources linked through their property dependencies. */
export function stackArgs(specs: readonly ResourceSpec[], config: object = {}): StackValidationArgs {
  const resources = specs.map((spec): PolicyResource => ({
    type: spec.type,
    name: spec.name,
    props: spec.props,
    urn: `urn:pulumi:dev::elasticache-driver-kit::${spec.type}::${spec.name}`,
    opts: noOptions,
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  }));
  const byName = new Map(resources.map((resource) => [resource.name, resource]));
  specs.forEach((spec, i) => {
    for (const [property, names] of Object.entries(spec.dependsOn ?? {})) {
      const dependencies = names.map((name) => byName.get(name)!);
      resources[i]!.propertyDependencies[property] = dependencies;
      resources[i]!.dependencies.push(...dependencies);
    }
  });
  return { resources, stackTags: new Map(), getConfig: <T extends object>() => config as T, notApplicable };
}

/** Runs a resource policy and returns the violation messages. */
export async function violationsOf(
  policy: ResourceValidationPolicy,
  args: ResourceValidationArgs,
): Promise<string[]> {
  const messages: string[] = [];
  const report: ReportViolation = (message) => messages.push(message);
  const validations = [policy.validateResource ?? []].flat();
  for (const validate of validations) await validate(args, report);
  return messages;
}

export async function stackViolationsOf(
  policy: StackValidationPolicy,
  args: StackValidationArgs,
): Promise<string[]> {
  const messages: string[] = [];
  await policy.validateStack(args, (message) => messages.push(message));
  return messages;
}
