import { RESOURCE_TYPE } from "@elasticache-driver-kit/driver";

/** Humanitec's resource definition (`POST /orgs/{org}/resources/defs`). */
export interface ResourceDefinition {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  /** `{org}/{driverId}`: a driver registered in the organisation. */
  readonly driver_type: string;
  /** The Humanitec cloud account whose credentials reach the driver as `driver.secrets.account`. */
  readonly driver_account?: string;
  readonly driver_inputs: {
    readonly values: Readonly<Record<string, unknown>>;
    readonly secrets: Readonly<Record<string, unknown>>;
  };
  readonly criteria: readonly Readonly<Record<string, string>>[];
}

export interface ResourceDefinitionInput {
  readonly id: string;
  readonly org: string;
  readonly driverId: string;
  readonly driverAccount?: string | undefined;
  /** `driver.values` every resource of this definition gets. */
  readonly values: Readonly<Record<string, unknown>>;
  /** The environment type it matches, e.g. `development`. */
  readonly envType: string;
}

export function resourceDefinition(input: ResourceDefinitionInput): ResourceDefinition {
  return {
    id: input.id,
    name: input.id,
    type: RESOURCE_TYPE,
    driver_type: `${input.org}/${input.driverId}`,
    ...(input.driverAccount === undefined ? {} : { driver_account: input.driverAccount }),
    driver_inputs: { values: input.values, secrets: {} },
    criteria: [{ env_type: input.envType }],
  };
}
