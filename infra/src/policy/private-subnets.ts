import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";

const SUBNET = "aws:ec2/subnet:Subnet";
const INTERNET_GATEWAY = "aws:ec2/internetGateway:InternetGateway";

/** Resources that hold caches or nodes, and the property naming their subnets. */
const PLACED: Readonly<Record<string, string>> = {
  "aws:eks/nodeGroup:NodeGroup": "subnetIds",
  "aws:autoscaling/group:Group": "vpcZoneIdentifiers",
  "aws:elasticache/subnetGroup:SubnetGroup": "subnetIds",
  "aws:elasticache/serverlessCache:ServerlessCache": "subnetIds",
};

const idOf = (resource: PolicyResource): unknown => resource.props.id;
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === "string") : [];

/** A subnet is public when instances get public addresses or a route leads to an internet gateway. */
function publicSubnets(resources: readonly PolicyResource[]): Set<PolicyResource> {
  const gateways = resources.filter((r) => r.type === INTERNET_GATEWAY);
  const gatewayIds = new Set(gateways.map(idOf));
  const toInternet = (table: PolicyResource) =>
    (table.propertyDependencies.routes ?? []).some((dependency) => dependency.type === INTERNET_GATEWAY) ||
    (Array.isArray(table.props.routes) &&
      table.props.routes.some(
        (route: { gatewayId?: unknown }) =>
          typeof route.gatewayId === "string" &&
          (route.gatewayId.startsWith("igw-") || gatewayIds.has(route.gatewayId)),
      ));
  const tables = resources.filter((r) => r.type === "aws:ec2/routeTable:RouteTable" && toInternet(r));
  const tableIds = new Set(tables.map(idOf));
  const publicSet = new Set(
    resources.filter((r) => r.type === SUBNET && r.props.mapPublicIpOnLaunch === true),
  );
  for (const association of resources.filter(
    (r) => r.type === "aws:ec2/routeTableAssociation:RouteTableAssociation",
  )) {
    const viaTable =
      (association.propertyDependencies.routeTableId ?? []).some((table) => tables.includes(table)) ||
      tableIds.has(association.props.routeTableId);
    if (!viaTable) continue;
    for (const subnet of resources.filter((r) => r.type === SUBNET)) {
      const linked =
        (association.propertyDependencies.subnetId ?? []).includes(subnet) ||
        (idOf(subnet) !== undefined && idOf(subnet) === association.props.subnetId);
      if (linked) publicSet.add(subnet);
    }
  }
  return publicSet;
}

/**
 * No cache and no node in a public subnet: they would be one security-group mistake away from the
 * internet. Subnets are judged by the stack's own route tables; subnets from outside the stack
 * cannot be judged and pass.
 */
export const privateSubnetsPolicy: StackValidationPolicy = {
  name: "private-subnets-only",
  description: "Caches and nodes are placed only in private subnets.",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const publicSet = publicSubnets(args.resources);
    for (const resource of args.resources) {
      const property = PLACED[resource.type];
      if (!property) continue;
      const ids = strings(resource.props[property]);
      const dependencies = resource.propertyDependencies[property] ?? [];
      const offending = new Set(
        [...publicSet]
          .filter((subnet) => dependencies.includes(subnet) || ids.includes(idOf(subnet) as string))
          .map((subnet) => String(idOf(subnet) ?? subnet.name)),
      );
      if (offending.size > 0) {
        reportViolation(
          `${resource.name}: placed in public subnet(s) ${[...offending].join(", ")}; use the private subnets (routed through NAT, no public addresses).`,
          resource.urn,
        );
      }
    }
  },
};
