import { describe, expect, it } from "vitest";
import { AwsFault } from "./aws-fault.js";
import { checkSigningScope } from "./sigv4-scope.js";

const header = (credential: string) =>
  `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=host;x-amz-date, Signature=abc123`;

const faultOf = (authorization: string | undefined) => {
  try {
    checkSigningScope(authorization, "us-east-1");
  } catch (error) {
    if (error instanceof AwsFault) return `${error.status} ${error.code}: ${error.message}`;
    throw error;
  }
  return "accepted";
};

describe("checkSigningScope", () => {
  it("accepts any credentials scoped to this region and ElastiCache", () => {
    expect(
      checkSigningScope(header("AKIDEXAMPLE/20260101/us-east-1/elasticache/aws4_request"), "us-east-1"),
    ).toEqual({ accessKeyId: "AKIDEXAMPLE", date: "20260101", region: "us-east-1", service: "elasticache" });
  });

  it("refuses an unsigned request as AWS does", () => {
    expect(faultOf(undefined)).toBe(
      "403 MissingAuthenticationToken: Request is missing Authentication Token",
    );
  });

  it("refuses other schemes and incomplete headers", () => {
    expect(faultOf("Bearer token")).toMatch(/^400 IncompleteSignature: .*AWS4-HMAC-SHA256/);
    expect(faultOf("AWS4-HMAC-SHA256 Credential=A/20260101/us-east-1/elasticache/aws4_request")).toMatch(
      /^400 IncompleteSignature: .*'SignedHeaders'/,
    );
    expect(faultOf(header("A/20260101/us-east-1/elasticache"))).toMatch(
      /^400 IncompleteSignature: .*Credential/,
    );
  });

  it("refuses a scope for another service or region, naming it", () => {
    expect(faultOf(header("A/20260101/us-east-1/ec2/aws4_request"))).toMatch(
      /^403 SignatureDoesNotMatch: .*'elasticache'/,
    );
    expect(faultOf(header("A/20260101/eu-west-1/elasticache/aws4_request"))).toMatch(
      /^403 SignatureDoesNotMatch: .*not 'eu-west-1'.*'us-east-1'/,
    );
  });
});
