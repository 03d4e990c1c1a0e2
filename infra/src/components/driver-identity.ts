import { elasticacheIamPolicy } from "@elasticache-driver-kit/driver";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceAccountTrustPolicy } from "../service-account-trust-policy.js";
import type { StackTags } from "../tags.js";

export interface DriverIdentityArgs {
  readonly oidcProviderArn: pulumi.Input<string>;
  readonly oidcProviderUrl: pulumi.Input<string>;
  readonly namespace: string;
  readonly serviceAccountName: string;
  /** Resource Accounts' roles the driver may assume (`driver.secrets.account.role_arn`). */
  readonly assumableRoleArns: readonly string[];
  readonly tags: StackTags;
}

/**
 * The driver's AWS identity: a role only its Kubernetes service account can assume, with the
 * driver's least-privilege policy (see docs/elasticache-iam.md). The stack hands the driver its
 * cache network, so the policy leaves out what discovering one would need.
 */
export class DriverIdentity extends pulumi.ComponentResource {
  readonly roleArn: pulumi.Output<string>;

  constructor(name: string, args: DriverIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("elasticache-driver-kit:infra:DriverIdentity", name, {}, opts);
    const trust = pulumi
      .all([args.oidcProviderArn, args.oidcProviderUrl])
      .apply(([oidcProviderArn, oidcProviderUrl]) =>
        JSON.stringify(
          serviceAccountTrustPolicy({
            oidcProviderArn,
            oidcProviderUrl,
            namespace: args.namespace,
            serviceAccountName: args.serviceAccountName,
          }),
        ),
      );
    const role = new aws.iam.Role(
      name,
      {
        description: "The elasticache driver's service account (IAM roles for service accounts)",
        assumeRolePolicy: trust,
        tags: { ...args.tags },
      },
      { parent: this },
    );
    new aws.iam.RolePolicy(
      name,
      {
        role: role.name,
        policy: JSON.stringify(
          elasticacheIamPolicy({ discovery: false, assumableRoleArns: args.assumableRoleArns }),
        ),
      },
      { parent: this },
    );
    this.roleArn = role.arn;
    this.registerOutputs({ roleArn: this.roleArn });
  }
}
