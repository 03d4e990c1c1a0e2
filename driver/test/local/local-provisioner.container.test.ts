import { describe, expect, test } from "vitest";
import { provisionerContractSuite } from "../support/provisioner-contract-suite.js";
import { localContractSubject } from "./local-contract-subject.js";
import { localProvisionerSuite } from "./local-provisioner-suite.js";
import { defaultProbes } from "../../src/provisioners/local/select-runtime.js";
import { openTestProvisioner, requestFor, waitForStatus } from "./test-provisioner.js";

const engine = await defaultProbes.containerRuntime(5_000);
const required = process.env.KIT_REQUIRE_CONTAINER_RUNTIME === "1";
const image = process.env.LOCAL_REDIS_IMAGE ?? "redis:7";
const howToGetOne =
  "run scripts/setup-podman.sh and `source .podman/env` (Debian, no Docker), or start Docker; set LOCAL_REDIS_IMAGE when redis:7 cannot be pulled";

// Worded as every test that needs an engine words it, so a run's skip summary lists one reason.
const skip =
  engine === undefined
    ? "no container engine answers; start Docker, or on Debian run scripts/setup-podman.sh and `source .podman/env`"
    : undefined;

if (engine === undefined && required) {
  test("a container engine answers (KIT_REQUIRE_CONTAINER_RUNTIME=1)", () => {
    expect.fail(`no container engine answered within 5 s: ${howToGetOne}`);
  });
}

// Declared whether or not an engine answers, so a run without one counts the same tests, skipped.
describe.skipIf(skip !== undefined)(
  `container runtime${skip === undefined ? "" : ` (skipped: ${skip})`}`,
  () => {
    localProvisionerSuite("container", { image });
    provisionerContractSuite(localContractSubject("container", { image }));

    describe("local provisioner, container runtime specifics", () => {
      test("an image that cannot be had turns the resource failed, naming the image and not the password", async () => {
        await using harness = await openTestProvisioner({
          runtime: "container",
          image: "localhost/no-such-redis:0",
        });
        const { provisioner } = harness;
        const request = requestFor("no-image", { tls: false });
        await provisioner.create(request);
        const failed = await waitForStatus(provisioner, "no-image", "failed");
        expect(failed.reason).toContain("localhost/no-such-redis:0");
        expect(failed.reason).not.toContain(request.password);
        expect(provisioner.name).toBe("local/container");
      });
    });
  },
);
