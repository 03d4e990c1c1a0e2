import type { ProvisionerModule } from "../provisioner-module.js";
import { ElastiCacheSettingsSchema } from "./elasticache-settings.js";

/** DRIVER_PROVISIONER=elasticache: Amazon ElastiCache (node-based, serverless and shared deployments). */
export const elasticacheModule: ProvisionerModule<typeof ElastiCacheSettingsSchema> = {
  settings: ElastiCacheSettingsSchema,
  async open(settings, { logger }) {
    // The AWS SDK is loaded here, only when this provisioner is the one configured.
    const [{ ElastiCacheProvisioner }, { AwsClientPool }] = await Promise.all([
      import("./elasticache-provisioner.js"),
      import("./aws-clients.js"),
    ]);
    return new ElastiCacheProvisioner({
      pool: new AwsClientPool(settings.AWS_REGION, { logger: logger.child({ component: "aws" }) }),
      readyCheck: settings.ELASTICACHE_READY_CHECK,
      network: {
        subnetGroup: settings.ELASTICACHE_SUBNET_GROUP,
        securityGroupIds: settings.ELASTICACHE_SECURITY_GROUP_IDS,
        eksCluster: settings.ELASTICACHE_EKS_CLUSTER,
        eksSourceSecurityGroupIds: settings.ELASTICACHE_EKS_NODE_SG_IDS,
      },
      logger: logger.child({ component: "elasticache" }),
    });
  },
};
