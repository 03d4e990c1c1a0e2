/** The subnets of one VPC: index i of each list is in the i-th availability zone. */
export interface SubnetPlan {
  /** Nodes, pods (the VPC CNI gives each pod a VPC address) and caches: a quarter of the VPC each. */
  readonly private: readonly string[];
  /** Load balancers and NAT gateways only: a thirty-second of the VPC each, in the last quarter. */
  readonly public: readonly string[];
}

/** VPC sizes the plan accepts: /16 gives 16,382 addresses per private subnet, /22 still 254. */
export const VPC_PREFIX_RANGE = { min: 16, max: 22 } as const;
export const ZONE_COUNT_RANGE = { min: 2, max: 3 } as const;

export class CidrPlanError extends Error {
  override readonly name = "CidrPlanError";
}

interface Ipv4Cidr {
  readonly base: number;
  readonly prefix: number;
}

const OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const CIDR = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}/(\\d{1,2})$`);

/** Parses `a.b.c.d/n`; the address must be the network's first (no host bits set). */
export function parseIpv4Cidr(text: string): Ipv4Cidr {
  const match = CIDR.exec(text.trim());
  if (!match) throw new CidrPlanError(`"${text}" is not an IPv4 CIDR block such as 10.0.0.0/16`);
  const [a, b, c, d] = match.slice(1, 5).map(Number) as [number, number, number, number];
  const prefix = Number(match[5]);
  if (prefix > 32) throw new CidrPlanError(`"${text}" has a prefix length above 32`);
  const address = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
  const size = 2 ** (32 - prefix);
  const base = address - (address % size);
  if (base !== address) {
    throw new CidrPlanError(`"${text}" has host bits set; did you mean ${formatCidr({ base, prefix })}?`);
  }
  return { base, prefix };
}

export function formatCidr({ base, prefix }: Ipv4Cidr): string {
  const octets = [24, 16, 8, 0].map((shift) => (base >>> shift) & 255);
  return `${octets.join(".")}/${prefix}`;
}

/**
 * Splits a VPC into one private and one public subnet per zone. Private subnets are large because
 * every pod takes an address from them; public ones hold only load balancer and NAT interfaces.
 * The rest of the last quarter stays free for later subnets.
 */
export function planSubnets(vpcCidr: string, zoneCount: number): SubnetPlan {
  const vpc = parseIpv4Cidr(vpcCidr);
  if (vpc.prefix < VPC_PREFIX_RANGE.min || vpc.prefix > VPC_PREFIX_RANGE.max) {
    throw new CidrPlanError(
      `"${vpcCidr}" is a /${vpc.prefix}; use a VPC from /${VPC_PREFIX_RANGE.min} (largest AWS allows) to /${VPC_PREFIX_RANGE.max}, e.g. 10.0.0.0/16`,
    );
  }
  if (!Number.isInteger(zoneCount) || zoneCount < ZONE_COUNT_RANGE.min || zoneCount > ZONE_COUNT_RANGE.max) {
    throw new CidrPlanError(
      `${zoneCount} availability zones; use ${ZONE_COUNT_RANGE.min} or ${ZONE_COUNT_RANGE.max}`,
    );
  }
  const vpcSize = 2 ** (32 - vpc.prefix);
  const zones = Array.from({ length: zoneCount }, (_, zone) => zone);
  return {
    private: zones.map((zone) =>
      formatCidr({ base: vpc.base + (zone * vpcSize) / 4, prefix: vpc.prefix + 2 }),
    ),
    public: zones.map((zone) =>
      formatCidr({ base: vpc.base + (3 * vpcSize) / 4 + (zone * vpcSize) / 32, prefix: vpc.prefix + 5 }),
    ),
  };
}
