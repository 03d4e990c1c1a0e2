import { EC2Client } from "@aws-sdk/client-ec2";
import { ECRClient } from "@aws-sdk/client-ecr";
import { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { STSClient } from "@aws-sdk/client-sts";

/** The AWS clients the scripts use, one per service for one region, built once and passed in. */
export interface AwsClients {
  readonly sts: STSClient;
  readonly ec2: EC2Client;
  readonly elasticache: ElastiCacheClient;
  readonly ecr: ECRClient;
  readonly elbv2: ElasticLoadBalancingV2Client;
}

/**
 * Clients for `region` with the SDK's default credential chain (environment, profile, SSO, ...).
 * Endpoints are the SDK's business too: `AWS_ENDPOINT_URL_<SERVICE>` reaches a local endpoint.
 */
export function createAwsClients(region: string): AwsClients {
  const config = { region, maxAttempts: 5 };
  return {
    sts: new STSClient(config),
    ec2: new EC2Client(config),
    elasticache: new ElastiCacheClient(config),
    ecr: new ECRClient(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
  };
}
