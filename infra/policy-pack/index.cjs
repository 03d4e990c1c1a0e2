/* global require */
// Pulumi loads a policy pack with require(); tsx lets it load the TypeScript policies, which live in
// src/policy/ so that tests can call them without starting the pack's gRPC server.
/* eslint-disable @typescript-eslint/no-require-imports */
require("tsx/cjs/api").register();
const { PolicyPack } = require("@pulumi/policy");
const { POLICIES } = require("../src/policy/policies.ts");

new PolicyPack("elasticache-driver-kit", { policies: POLICIES, enforcementLevel: "mandatory" });
