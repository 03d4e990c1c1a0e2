import { elasticacheModule } from "./elasticache/module.js";
import { localModule } from "./local/module.js";
import type { ProvisionerModule } from "./provisioner-module.js";

/** Provisioners by the name `DRIVER_PROVISIONER` takes. */
export type ProvisionerRegistry = Readonly<Record<string, ProvisionerModule>>;

/**
 * Every provisioner the driver can run. Adding one is its folder (with a `module.ts`), one line
 * here, and its rows in the docs' tables (docs/configuration.md, docs/driver-reference.md).
 */
export const PROVISIONERS: ProvisionerRegistry = Object.freeze({
  local: localModule,
  elasticache: elasticacheModule,
});
