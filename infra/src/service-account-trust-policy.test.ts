import { describe, expect, it } from "vitest";
import { serviceAccountTrustPolicy } from "./service-account-trust-policy.js";

describe("serviceAccountTrustPolicy", () => {
  const trust = {
    oidcProviderArn: "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC",
    oidcProviderUrl: "https://oidc.eks.us-east-1.amazonaws.com/id/ABC",
    namespace: "elasticache-driver",
    serviceAccountName: "elasticache-driver",
  };

  it("trusts only the one service account, for STS, through the cluster's OIDC provider", () => {
    const [statement, ...others] = serviceAccountTrustPolicy(trust).Statement;
    expect(others).toEqual([]);
    expect(statement).toEqual({
      Effect: "Allow",
      Principal: { Federated: trust.oidcProviderArn },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: {
          "oidc.eks.us-east-1.amazonaws.com/id/ABC:sub":
            "system:serviceaccount:elasticache-driver:elasticache-driver",
          "oidc.eks.us-east-1.amazonaws.com/id/ABC:aud": "sts.amazonaws.com",
        },
      },
    });
  });

  it("accepts the issuer without its scheme", () => {
    const policy = serviceAccountTrustPolicy({
      ...trust,
      oidcProviderUrl: "oidc.eks.us-east-1.amazonaws.com/id/ABC",
    });
    expect(policy).toEqual(serviceAccountTrustPolicy(trust));
  });
});
