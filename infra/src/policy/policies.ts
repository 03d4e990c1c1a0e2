import type { Policies } from "@pulumi/policy";
import { cacheEncryptionPolicy } from "./cache-encryption.js";
import { nodeGroupSizePolicy } from "./node-group-size.js";
import { privateSubnetsPolicy } from "./private-subnets.js";
import { requiredTagsPolicy } from "./required-tags.js";

/** The policy pack's policies (`policy-pack/`), apart from the pack so tests can call them. */
export const POLICIES: Policies = [
  cacheEncryptionPolicy,
  requiredTagsPolicy,
  privateSubnetsPolicy,
  nodeGroupSizePolicy,
];
