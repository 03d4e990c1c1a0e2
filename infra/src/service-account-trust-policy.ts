export interface ServiceAccountTrust {
  /** ARN of the cluster's IAM OIDC provider. */
  readonly oidcProviderArn: string;
  /** The cluster's OIDC issuer URL, with or without `https://`. */
  readonly oidcProviderUrl: string;
  readonly namespace: string;
  readonly serviceAccountName: string;
}

/**
 * Trust policy of a role for one Kubernetes service account (IAM roles for service accounts): only
 * tokens the cluster issued to exactly that account, for STS, may assume it.
 */
export function serviceAccountTrustPolicy(trust: ServiceAccountTrust) {
  const issuer = trust.oidcProviderUrl.replace(/^https:\/\//, "");
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Federated: trust.oidcProviderArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${issuer}:sub`]: `system:serviceaccount:${trust.namespace}:${trust.serviceAccountName}`,
            [`${issuer}:aud`]: "sts.amazonaws.com",
          },
        },
      },
    ],
  } as const;
}
