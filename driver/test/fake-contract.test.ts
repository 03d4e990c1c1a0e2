import { FakeProvisioner } from "./support/fake-provisioner.js";
import { provisionerContractSuite, type ContractBackend } from "./support/provisioner-contract-suite.js";

function fakeBackend(failCreates: boolean): ContractBackend {
  const options = { autoFinishMs: 10, failCreates };
  const provisioner = new FakeProvisioner(options);
  const opened = [provisioner];
  return {
    provisioner,
    async reopen() {
      const next = new FakeProvisioner(options, provisioner.states);
      opened.push(next);
      return next;
    },
    async [Symbol.asyncDispose]() {
      await Promise.all(opened.map((fake) => fake.close()));
    },
  };
}

provisionerContractSuite({
  name: "fake",
  open: async () => fakeBackend(false),
  openFailing: async () => fakeBackend(true),
  inputs: { tls: false },
  update: { auth_generation: 1, node_type: "cache.r7g.large" },
});
