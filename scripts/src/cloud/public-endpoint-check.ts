import { Resolver } from "node:dns/promises";
import { ACMClient, DescribeCertificateCommand } from "@aws-sdk/client-acm";

/** The DNS answers the check needs; node's resolver in production. */
export interface NameResolver {
  resolveCname(hostname: string): Promise<string[]>;
  resolve4(hostname: string): Promise<string[]>;
}

export interface PublicEndpoint {
  readonly hostname: string;
  readonly loadBalancerHostname: string;
  readonly certificateArn: string;
}

/** How long one DNS question may take. */
const DNS_TIMEOUT_MS = 5_000;

const bare = (name: string) => name.toLowerCase().replace(/\.$/, "");

async function answers(ask: () => Promise<string[]>): Promise<string[]> {
  try {
    return await ask();
  } catch {
    return []; // ENODATA, ENOTFOUND, a timeout: no such answer
  }
}

/**
 * Why Humanitec could not reach the driver at `hostname` yet, or undefined when it can: the ACM
 * certificate must be issued (ACM DescribeCertificate, CertificateDetail.Status `ISSUED`; until then
 * the load balancer's TLS listener has no certificate to serve), and the name must resolve to the
 * load balancer: a CNAME to its name, or (an alias record) to the same addresses.
 */
export interface EndpointProblem {
  readonly problem: string;
  readonly fix: string;
}

export async function publicEndpointProblem(
  endpoint: PublicEndpoint,
  acm: ACMClient,
  resolver: NameResolver,
): Promise<EndpointProblem | undefined> {
  const described = await acm.send(
    new DescribeCertificateCommand({ CertificateArn: endpoint.certificateArn }),
  );
  const status = described.Certificate?.Status ?? "unknown";
  if (status !== "ISSUED") {
    return {
      problem: `the certificate ${endpoint.certificateArn} is ${status}, not ISSUED`,
      fix: "complete its validation (the CNAME record ACM asks for) and run up again",
    };
  }
  if (!endpoint.loadBalancerHostname) {
    return {
      problem: "the driver's load balancer has no DNS name yet",
      fix: "run up again in a few minutes",
    };
  }
  const target = bare(endpoint.loadBalancerHostname);
  const cnames = (await answers(() => resolver.resolveCname(endpoint.hostname))).map(bare);
  if (cnames.includes(target)) return undefined;
  const [own, balancer] = await Promise.all([
    answers(() => resolver.resolve4(endpoint.hostname)),
    answers(() => resolver.resolve4(target)),
  ]);
  if (own.length > 0 && own.some((address) => balancer.includes(address))) return undefined;
  const now = cnames.length > 0 ? `CNAME ${cnames.join(", ")}` : own.length > 0 ? own.join(", ") : "nothing";
  return {
    problem: `${endpoint.hostname} resolves to ${now}, not to the load balancer ${target}`,
    fix: `point a CNAME (or an alias record) for ${endpoint.hostname} at ${target} and run up again once DNS has it`,
  };
}

/** Node's resolver with a bound on every question. */
export function systemResolver(): NameResolver {
  const resolver = new Resolver({ timeout: DNS_TIMEOUT_MS, tries: 2 });
  return {
    resolveCname: (hostname) => resolver.resolveCname(hostname),
    resolve4: (hostname) => resolver.resolve4(hostname),
  };
}

export const acmClient = (region: string): ACMClient => new ACMClient({ region, maxAttempts: 5 });
