import type { ResourceValidationPolicy } from "@pulumi/policy";

export const DEFAULT_MAX_NODES = 6;

export interface NodeGroupSizeConfig {
  /** Most nodes one node group may scale to. Default 6. */
  maxNodes?: number;
}

/** A cost guard: no node group (managed or self-managed) may grow past the configured size. */
export const nodeGroupSizePolicy: ResourceValidationPolicy = {
  name: "node-group-size",
  description: `Node groups scale to at most maxNodes nodes (default ${DEFAULT_MAX_NODES}).`,
  enforcementLevel: "mandatory",
  configSchema: { properties: { maxNodes: { type: "integer", minimum: 1, default: DEFAULT_MAX_NODES } } },
  validateResource: (args, reportViolation) => {
    const cap = args.getConfig<NodeGroupSizeConfig>().maxNodes ?? DEFAULT_MAX_NODES;
    let maxSize: unknown;
    if (args.type === "aws:eks/nodeGroup:NodeGroup") {
      maxSize = (args.props.scalingConfig as { maxSize?: unknown } | undefined)?.maxSize;
    } else if (args.type === "aws:autoscaling/group:Group") {
      maxSize = args.props.maxSize;
    } else {
      return;
    }
    if (typeof maxSize !== "number") {
      reportViolation(`${args.name}: set a maximum size (at most ${cap} nodes).`);
    } else if (maxSize > cap) {
      reportViolation(
        `${args.name}: may scale to ${maxSize} nodes, above the cap of ${cap}; lower its maximum size or raise the policy's maxNodes.`,
      );
    }
  },
};
