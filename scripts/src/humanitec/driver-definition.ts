import { driverInputsJsonSchema, RESOURCE_TYPE } from "@elasticache-driver-kit/driver";

/** Humanitec's driver definition (`POST /orgs/{org}/resources/drivers`). */
export interface DriverDefinition {
  readonly id: string;
  readonly type: string;
  readonly account_types: readonly string[];
  /** JSON Schema of `{"values": {...}, "secrets": {...}}`, generated from the driver's own input schema. */
  readonly inputs_schema: Record<string, unknown>;
  /** `{target}{GUResID}` is what Humanitec calls. */
  readonly target: string;
}

export function driverDefinition(id: string, target: string): DriverDefinition {
  return {
    id,
    type: RESOURCE_TYPE,
    account_types: ["aws"],
    inputs_schema: driverInputsJsonSchema(),
    target,
  };
}

/**
 * The target Humanitec calls: the driver's URL with the secret path segment the driver checks
 * (`DRIVER_AUTH_PATH_SECRET`), ending in `/`.
 */
export function driverTarget(driverUrl: string, pathSecret: string | undefined): string {
  const base = driverUrl.endsWith("/") ? driverUrl : `${driverUrl}/`;
  return pathSecret === undefined ? base : `${base}${pathSecret}/`;
}
