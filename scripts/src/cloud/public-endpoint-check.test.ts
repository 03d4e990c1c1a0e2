import { ACMClient, DescribeCertificateCommand } from "@aws-sdk/client-acm";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { publicEndpointProblem, type NameResolver } from "./public-endpoint-check.js";

const acm = mockClient(ACMClient);
afterEach(() => acm.reset());

const ENDPOINT = {
  hostname: "cache.example.com",
  loadBalancerHostname: "k8s-elastica-abc-0123456789.elb.us-east-1.amazonaws.com",
  certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/abc",
};

/** DNS answers by name; a name with no answer fails as node's resolver does (ENODATA). */
function resolver(cnames: Record<string, string[]>, addresses: Record<string, string[]>): NameResolver {
  const answer = (table: Record<string, string[]>, name: string) => {
    const found = table[name];
    if (found) return Promise.resolve(found);
    return Promise.reject(Object.assign(new Error(`queryA ENODATA ${name}`), { code: "ENODATA" }));
  };
  return {
    resolveCname: (name) => answer(cnames, name),
    resolve4: (name) => answer(addresses, name),
  };
}

const issued = (status = "ISSUED") =>
  acm.on(DescribeCertificateCommand, { CertificateArn: ENDPOINT.certificateArn }).resolves({
    Certificate: { CertificateArn: ENDPOINT.certificateArn, Status: status as never },
  });

describe("publicEndpointProblem", () => {
  it("passes a issued certificate and a CNAME to the load balancer (case and trailing dot aside)", async () => {
    issued();
    const dns = resolver({ "cache.example.com": [`${ENDPOINT.loadBalancerHostname.toUpperCase()}.`] }, {});
    expect(await publicEndpointProblem(ENDPOINT, new ACMClient({}), dns)).toBeUndefined();
  });

  it("passes an alias record: the name has the load balancer's addresses", async () => {
    issued();
    const dns = resolver(
      {},
      { "cache.example.com": ["3.5.7.9"], [ENDPOINT.loadBalancerHostname]: ["3.5.7.9", "3.5.7.10"] },
    );
    expect(await publicEndpointProblem(ENDPOINT, new ACMClient({}), dns)).toBeUndefined();
  });

  it("refuses a certificate not yet issued, before looking at DNS", async () => {
    issued("PENDING_VALIDATION");
    expect(await publicEndpointProblem(ENDPOINT, new ACMClient({}), resolver({}, {}))).toEqual({
      problem: `the certificate ${ENDPOINT.certificateArn} is PENDING_VALIDATION, not ISSUED`,
      fix: "complete its validation (the CNAME record ACM asks for) and run up again",
    });
  });

  it("refuses a name that resolves elsewhere or not at all, saying where it points", async () => {
    issued();
    const elsewhere = resolver({ "cache.example.com": ["old-lb.example.net"] }, {});
    expect((await publicEndpointProblem(ENDPOINT, new ACMClient({}), elsewhere))?.problem).toBe(
      `cache.example.com resolves to CNAME old-lb.example.net, not to the load balancer ${ENDPOINT.loadBalancerHostname}`,
    );
    const nowhere = await publicEndpointProblem(ENDPOINT, new ACMClient({}), resolver({}, {}));
    expect(nowhere?.problem).toBe(
      `cache.example.com resolves to nothing, not to the load balancer ${ENDPOINT.loadBalancerHostname}`,
    );
    expect(nowhere?.fix).toMatch(/^point a CNAME \(or an alias record\) for cache\.example\.com at /);
  });

  it("waits for the load balancer's name", async () => {
    issued();
    expect(
      await publicEndpointProblem(
        { ...ENDPOINT, loadBalancerHostname: "" },
        new ACMClient({}),
        resolver({}, {}),
      ),
    ).toEqual({
      problem: "the driver's load balancer has no DNS name yet",
      fix: "run up again in a few minutes",
    });
  });
});
