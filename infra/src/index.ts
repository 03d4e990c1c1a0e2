import * as pulumi from "@pulumi/pulumi";
import { readStackConfig } from "./config/read-stack-config.js";
import { createStack } from "./stack.js";

const outputs = createStack(readStackConfig(), pulumi.getProject(), pulumi.getStack());

export const region = outputs.region;
export const vpcId = outputs.vpcId;
export const clusterName = outputs.clusterName;
export const kubeconfig = outputs.kubeconfig;
export const cacheSubnetGroupName = outputs.cacheSubnetGroupName;
export const cacheSecurityGroupId = outputs.cacheSecurityGroupId;
export const driverRoleArn = outputs.driverRoleArn;
export const driverRepositoryUrl = outputs.driverRepositoryUrl;
export const sampleAppRepositoryUrl = outputs.sampleAppRepositoryUrl;
export const driverAuthToken = outputs.driverAuthToken;
export const driverAuthPathSecret = outputs.driverAuthPathSecret;
export const driverUrl = outputs.driverUrl;
export const driverLoadBalancer = outputs.driverLoadBalancer;
export const sampleAppUrl = outputs.sampleAppUrl;
export const nodePlatform = outputs.nodePlatform;
