import type { EngineEvent } from "@pulumi/pulumi/automation/index.js";
import { describe, expect, it } from "vitest";
import { toStackEvent } from "./stack-event.js";
import { StackStatus } from "./stack-status.js";

const metadata = (op: string, type: string, name: string) => ({
  op,
  type,
  urn: `urn:pulumi:dev::elasticache-driver-kit::${type}::${name}`,
});
const event = (fields: Partial<EngineEvent>) => ({ sequence: 1, timestamp: 0, ...fields }) as EngineEvent;

describe("the stack's progress", () => {
  it("maps Pulumi's engine events to resource steps and errors, leaving out the stack, providers and noise", () => {
    expect(
      toStackEvent(
        event({
          resourcePreEvent: { metadata: metadata("create", "aws:eks/cluster:Cluster", "cluster") } as never,
        }),
      ),
    ).toEqual({
      kind: "resource",
      phase: "started",
      op: "create",
      type: "aws:eks/cluster:Cluster",
      name: "cluster",
    });
    expect(
      toStackEvent(
        event({
          resOpFailedEvent: {
            metadata: metadata("create", "aws:eks/cluster:Cluster", "cluster"),
            status: 1,
            steps: 1,
          } as never,
        }),
      ),
    ).toMatchObject({ phase: "failed" });
    expect(
      toStackEvent(
        event({ resourcePreEvent: { metadata: metadata("create", "pulumi:pulumi:Stack", "dev") } as never }),
      ),
    ).toBeUndefined();
    expect(
      toStackEvent(
        event({
          resourcePreEvent: { metadata: metadata("same", "pulumi:providers:aws", "default") } as never,
        }),
      ),
    ).toBeUndefined();
    expect(
      toStackEvent(
        event({
          diagnosticEvent: {
            message: "  error: creating EKS Cluster: LimitExceeded\n",
            color: "never",
            severity: "error",
          },
        }),
      ),
    ).toEqual({
      kind: "diagnostic",
      severity: "error",
      message: "error: creating EKS Cluster: LimitExceeded",
    });
    expect(
      toStackEvent(
        event({ diagnosticEvent: { message: "x", color: "never", severity: "info", ephemeral: true } }),
      ),
    ).toBeUndefined();
  });

  it("says what is being created now and how many are done", () => {
    const statuses: string[] = [];
    const problems: string[] = [];
    const status = new StackStatus(
      (s) => statuses.push(s),
      (p) => problems.push(p),
    );
    status.onEvent({
      kind: "resource",
      phase: "started",
      op: "create",
      type: "aws:ec2/vpc:Vpc",
      name: "vpc",
    });
    status.onEvent({
      kind: "resource",
      phase: "started",
      op: "create",
      type: "aws:eks/cluster:Cluster",
      name: "cluster",
    });
    status.onEvent({
      kind: "resource",
      phase: "started",
      op: "create",
      type: "aws:iam/role:Role",
      name: "role",
    });
    status.onEvent({ kind: "resource", phase: "done", op: "create", type: "aws:ec2/vpc:Vpc", name: "vpc" });
    status.onEvent({
      kind: "diagnostic",
      severity: "error",
      message: "creating IAM Role: AccessDenied\nmore",
    });
    expect(statuses).toEqual([
      "creating ec2:Vpc vpc (0 done)",
      "creating ec2:Vpc vpc, creating eks:Cluster cluster (0 done)",
      "creating ec2:Vpc vpc, creating eks:Cluster cluster and 1 more (0 done)",
      "creating eks:Cluster cluster, creating iam:Role role (1 done)",
    ]);
    expect(problems).toEqual(["creating IAM Role: AccessDenied"]);
  });
});
