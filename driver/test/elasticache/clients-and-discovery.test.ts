import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import { DescribeClusterCommand, EKSClient, ResourceNotFoundException } from "@aws-sdk/client-eks";
import {
  CreateCacheSubnetGroupCommand,
  CreateReplicationGroupCommand,
  type CreateReplicationGroupCommandInput,
} from "@aws-sdk/client-elasticache";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DriverInputsSchema } from "../../src/inputs/driver-inputs.js";
import { AwsClientPool } from "../../src/provisioners/elasticache/aws-clients.js";
import { toProvisionerError } from "../../src/provisioners/elasticache/aws-faults.js";
import {
  driverErrorOf,
  elasticacheHarness,
  type ElastiCacheHarness,
} from "../support/elasticache-harness.js";

const ACCOUNT = { aws_access_key_id: "AKIAEXAMPLEEXAMPLE00", aws_secret_access_key: "s".repeat(40) };

describe("AwsClientPool", () => {
  it("builds one set of clients per account and reuses it", () => {
    const pool = new AwsClientPool("eu-central-1");
    const ambient = pool.for({});
    expect(pool.for({})).toBe(ambient);
    const account = pool.for({ account: ACCOUNT });
    expect(account).not.toBe(ambient);
    expect(pool.for({ account: { ...ACCOUNT } })).toBe(account);
    expect(
      pool.for({ account: { ...ACCOUNT, role_arn: "arn:aws:iam::123456789012:role/cache-admin" } }),
    ).not.toBe(account);
    expect(pool.size).toBe(3);
    pool.close();
    expect(pool.size).toBe(0);
  });

  it("keeps at most the given number of accounts", () => {
    const pool = new AwsClientPool("eu-central-1", { maxAccounts: 2 });
    for (let i = 0; i < 5; i++)
      pool.for({ account: { ...ACCOUNT, aws_secret_access_key: `${i}`.repeat(40) } });
    expect(pool.size).toBe(2);
    pool.close();
  });

  it("leaves the endpoint to the SDK (AWS_ENDPOINT_URL_ELASTICACHE and friends)", async () => {
    const pool = new AwsClientPool("eu-central-1");
    const { elasticache } = pool.for({});
    expect(elasticache.config.endpoint).toBeUndefined();
    pool.close();
  });

  it("reports missing ambient credentials as access denied with the fix", () => {
    const error = toProvisionerError(
      Object.assign(new Error("Could not load credentials from any providers"), {
        name: "CredentialsProviderError",
      }),
      {
        action: "elasticache:DescribeReplicationGroups",
      },
    );
    expect(error.kind).toBe("access-denied");
    expect(error.fix).toContain("driver.secrets.account");
  });
});

describe("ELASTICACHE_EKS_CLUSTER discovery", () => {
  const eks = mockClient(EKSClient);
  const ec2 = mockClient(EC2Client);
  let h: ElastiCacheHarness;

  beforeEach(() => {
    eks.reset();
    ec2.reset();
    h = elasticacheHarness({ network: { eksCluster: "platform" } });
    eks.on(DescribeClusterCommand).resolves({
      cluster: {
        resourcesVpcConfig: {
          vpcId: "vpc-0abc",
          subnetIds: ["subnet-pub", "subnet-priv1", "subnet-priv2"],
          clusterSecurityGroupId: "sg-0c1a2b3c4d5e6f708",
        },
      },
    });
    ec2.on(DescribeSubnetsCommand).resolves({
      Subnets: [
        { SubnetId: "subnet-pub", MapPublicIpOnLaunch: true },
        { SubnetId: "subnet-priv1", MapPublicIpOnLaunch: false },
        { SubnetId: "subnet-priv2", MapPublicIpOnLaunch: false },
      ],
    });
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    ec2.on(CreateSecurityGroupCommand).resolves({ GroupId: "sg-0000000000cace000" });
    ec2.on(AuthorizeSecurityGroupIngressCommand).resolves({});
  });
  afterEach(async () => {
    await h.close();
    eks.restore();
    ec2.restore();
  });

  it("finds the cluster's private subnets and security group, creates the cache network once, and uses it", async () => {
    await h.put();
    expect(h.fake.inputs(CreateCacheSubnetGroupCommand)).toEqual([
      expect.objectContaining({
        CacheSubnetGroupName: "ekit-platform",
        SubnetIds: ["subnet-priv1", "subnet-priv2"],
      }),
    ]);
    expect(ec2.commandCalls(AuthorizeSecurityGroupIngressCommand)[0]?.args[0].input).toEqual({
      GroupId: "sg-0000000000cace000",
      IpPermissions: [
        {
          IpProtocol: "tcp",
          FromPort: 6379,
          ToPort: 6380,
          UserIdGroupPairs: [{ GroupId: "sg-0c1a2b3c4d5e6f708" }],
        },
      ],
    });
    const [created] = h.fake.inputs<CreateReplicationGroupCommandInput>(CreateReplicationGroupCommand);
    expect(created).toMatchObject({
      CacheSubnetGroupName: "ekit-platform",
      SecurityGroupIds: ["sg-0000000000cace000"],
    });

    const other = "1123456789abcdef0123456789abcdef01234567";
    await h.lifecycle.put({ id: other, spec: DriverInputsSchema.parse({}), secrets: {} });
    expect(eks.commandCalls(DescribeClusterCommand)).toHaveLength(1);
    expect(ec2.commandCalls(CreateSecurityGroupCommand)).toHaveLength(1);
  });

  it("reuses the security group it made before, found by its tags", async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: "sg-0000000000beef000" }] });
    await h.put();
    expect(ec2.commandCalls(CreateSecurityGroupCommand)).toHaveLength(0);
    expect(
      h.fake.inputs<CreateReplicationGroupCommandInput>(CreateReplicationGroupCommand)[0]?.SecurityGroupIds,
    ).toEqual(["sg-0000000000beef000"]);
  });

  const ingress = () =>
    ec2.commandCalls(AuthorizeSecurityGroupIngressCommand).map((call) => {
      const [permission] = call.args[0].input.IpPermissions ?? [];
      return `${call.args[0].input.GroupId} ${permission?.FromPort}-${permission?.ToPort} from ${permission?.UserIdGroupPairs?.[0]?.GroupId}`;
    });

  it("makes sure of the ingress rule on every discovery, also on a group found, a duplicate rule being fine", async () => {
    ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: "sg-0000000000beef000" }] });
    ec2.on(AuthorizeSecurityGroupIngressCommand).rejects(
      Object.assign(new Error("the specified rule already exists"), {
        name: "InvalidPermission.Duplicate",
        $metadata: { httpStatusCode: 400 },
      }),
    );
    expect((await h.put()).kind).toBe("in-progress");
    expect(ingress()).toEqual(["sg-0000000000beef000 6379-6380 from sg-0c1a2b3c4d5e6f708"]);
  });

  it("admits a custom networking.port and the source security groups the operator names", async () => {
    await h.close();
    h = elasticacheHarness({
      network: { eksCluster: "platform", eksSourceSecurityGroupIds: ["sg-0000000000a0a0a00"] },
    });
    await h.put({ networking: { port: 7000 } });
    expect(ingress()).toEqual([
      "sg-0000000000cace000 6379-6380 from sg-0c1a2b3c4d5e6f708",
      "sg-0000000000cace000 6379-6380 from sg-0000000000a0a0a00",
      "sg-0000000000cace000 7000-7000 from sg-0c1a2b3c4d5e6f708",
      "sg-0000000000cace000 7000-7000 from sg-0000000000a0a0a00",
    ]);
    expect(h.fake.inputs<CreateReplicationGroupCommandInput>(CreateReplicationGroupCommand)[0]?.Port).toBe(
      7000,
    );
  });

  it("takes the security group another replica created at the same moment (InvalidGroup.Duplicate)", async () => {
    ec2
      .on(DescribeSecurityGroupsCommand)
      .resolvesOnce({ SecurityGroups: [] })
      .resolves({ SecurityGroups: [{ GroupId: "sg-0000000000face000" }] });
    ec2.on(CreateSecurityGroupCommand).rejects(
      Object.assign(new Error("The security group 'ekit-platform' already exists"), {
        name: "InvalidGroup.Duplicate",
        $metadata: { httpStatusCode: 400 },
      }),
    );
    expect((await h.put()).kind).toBe("in-progress");
    expect(
      h.fake.inputs<CreateReplicationGroupCommandInput>(CreateReplicationGroupCommand)[0]?.SecurityGroupIds,
    ).toEqual(["sg-0000000000face000"]);
  });

  it("names ELASTICACHE_EKS_CLUSTER when the cluster does not exist", async () => {
    eks
      .on(DescribeClusterCommand)
      .rejects(
        new ResourceNotFoundException({ message: "No cluster found for name: platform.", $metadata: {} }),
      );
    const error = await driverErrorOf(h.put());
    expect(error.code).toBe("RES-101");
    expect(error.field).toBe("ELASTICACHE_EKS_CLUSTER");
    expect(error.message).toContain("No cluster found for name: platform.");
  });

  it("asks for a subnet group when neither inputs, settings nor discovery give one", async () => {
    await h.close();
    h = elasticacheHarness({ network: {} });
    const error = await driverErrorOf(h.put());
    expect(error.field).toBe("driver.values.networking.subnet_group");
    expect(error.fix).toContain("ELASTICACHE_EKS_CLUSTER");
  });
});
