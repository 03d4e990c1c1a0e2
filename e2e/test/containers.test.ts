import { randomBytes } from "node:crypto";
import { GenericContainer, getContainerRuntimeClient, Network, Wait } from "testcontainers";
import { beforeAll, describe, expect, test } from "vitest";
import { REPO_ROOT } from "../src/index.js";
import { buildImage, type BuiltImage } from "./containers/build-image.js";
import { containerEngine } from "./containers/container-engine.js";
import { startContainer } from "./containers/start-container.js";

const engine = await containerEngine(5_000);
const required = process.env.KIT_REQUIRE_CONTAINER_RUNTIME === "1";
/** The base image of both Dockerfiles; setup-podman.sh builds one when no registry can be reached. */
const nodeImage = process.env.KIT_NODE_IMAGE ?? "node:24-bookworm-slim";
const redisImage = process.env.LOCAL_REDIS_IMAGE ?? "redis:7";
const howToGetOne =
  "run scripts/setup-podman.sh and `source .podman/env` (Debian, no Docker), or start Docker; set KIT_NODE_IMAGE and LOCAL_REDIS_IMAGE when node:24-bookworm-slim and redis:7 cannot be pulled";
const ENGINE_SOCKET = "/var/run/docker.sock";

/** The compiler and the lint and test tooling: never in an image (@types/* may be: testcontainers depends on some). */
const DEV_TOOLING = /^(typescript|vitest|vite|esbuild|rolldown|tsx|eslint|prettier|typescript-eslint)@/;
/** Prints the image's installed packages (pnpm's virtual store, as name@version) and the files under dist. */
const LIST_IMAGE_CONTENTS = `
const { readdirSync } = require("node:fs");
const packages = readdirSync("node_modules/.pnpm").map((entry) => entry.replace(/^@([^+]+)\\+/, "@$1/"));
const files = readdirSync("dist", { recursive: true }).map((file) => "dist/" + file);
console.log(JSON.stringify({ packages, files }));
`;

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
  `container images${skip === undefined ? "" : ` (skipped: ${skip})`}`,
  () => {
    describe(`driver and sample-app images built from their Dockerfiles on ${nodeImage}`, () => {
      let driver: BuiltImage;
      let sampleApp: BuiltImage;

      beforeAll(async () => {
        const buildArgs = { NODE_IMAGE: nodeImage };
        // A first build takes minutes and prints nothing by itself: say that it goes on.
        const started = Date.now();
        console.info("building the driver and sample-app images (minutes on a fresh machine)...");
        const progress = setInterval(
          () => console.info(`still building the images (${Math.round((Date.now() - started) / 1000)} s)`),
          30_000,
        );
        [driver, sampleApp] = await Promise.all([
          buildImage({
            context: REPO_ROOT,
            dockerfile: "driver/Dockerfile",
            repository: "localhost/elasticache-driver-kit/driver",
            buildArgs,
          }),
          buildImage({
            context: REPO_ROOT,
            dockerfile: "sample-app/Dockerfile",
            repository: "localhost/elasticache-driver-kit/sample-app",
            buildArgs,
          }),
        ]).finally(() => clearInterval(progress));
        for (const image of [driver, sampleApp]) {
          console.info(`built ${image.name} in ${(image.buildMs / 1000).toFixed(1)} s on ${engine}`);
        }
      });

      // The final stages copy `pnpm deploy --prod` output and the sources compiled without tests.
      test.each([
        ["driver", () => driver, "dist/src/main.js"],
        ["sample-app", () => sampleApp, "dist/main.js"],
      ])(
        "the %s image holds its production dependencies only and no compiled tests",
        async (name, image, entry) => {
          await using started = await startContainer(
            name,
            // A container of its own: the image's GenericContainer is a builder the other tests use.
            // Published because podman lists the image's EXPOSE as a port binding (see below).
            new GenericContainer(image().name)
              .withEntrypoint(["node"])
              .withCommand(["-e", "console.log('idle'); setInterval(() => {}, 60_000)"])
              .withExposedPorts(8080)
              .withWaitStrategy(Wait.forLogMessage("idle")),
          );
          const { output, exitCode } = await started.exec(["node", "-e", LIST_IMAGE_CONTENTS]);
          expect(exitCode, output).toBe(0);
          const { packages, files } = JSON.parse(output) as { packages: string[]; files: string[] };

          expect(files).toContain(entry);
          expect(files.filter((file) => /\.test\.|(^|\/)(test|testing)\//.test(file))).toEqual([]);
          expect(packages.filter((pkg) => pkg.startsWith("express@"))).toHaveLength(1);
          expect(packages.filter((pkg) => DEV_TOOLING.test(pkg))).toEqual([]);
        },
      );

      test("the sample-app container serves /readyz 200 against a Redis container with a password", async () => {
        const password = randomBytes(16).toString("hex");
        await using network = await new Network().start();
        // Published although the app connects over the network: podman lists an image's EXPOSE as a
        // port binding, which testcontainers then waits for.
        await using _redis = await startContainer(
          "redis",
          new GenericContainer(redisImage)
            .withNetwork(network)
            .withNetworkAliases("redis")
            .withExposedPorts(6379)
            .withCommand(["redis-server", "--requirepass", password])
            .withWaitStrategy(Wait.forLogMessage("Ready to accept connections")),
        );
        await using app = await startContainer(
          "sample-app",
          sampleApp.container
            .withNetwork(network)
            .withEnvironment({ REDIS_HOST: "redis", REDIS_PORT: "6379", REDIS_PASSWORD: password })
            .withExposedPorts(8080)
            .withWaitStrategy(Wait.forHttp("/healthz", 8080)),
        );

        const response = await fetch(`http://${app.getHost()}:${app.getMappedPort(8080)}/readyz`);

        expect(await response.json()).toMatchObject({ status: "ready" });
        expect(response.status).toBe(200);
      });

      test("the driver container answers /healthz 200 and requires its token on the contract routes", async () => {
        // The local provisioner picks its Redis runtime at start-up and the image has no redis-server:
        // the driver reaches the engine through its socket, which only root may open under podman.
        const { remoteSocketPath } = (await getContainerRuntimeClient()).info.containerRuntime;
        const token = randomBytes(16).toString("hex");
        await using started = await startContainer(
          "driver",
          driver.container
            .withUser("0:0")
            .withBindMounts([{ source: remoteSocketPath, target: ENGINE_SOCKET }])
            .withEnvironment({
              DOCKER_HOST: `unix://${ENGINE_SOCKET}`,
              DRIVER_AUTH_TOKEN: token,
              DRIVER_SECRET_KEY: randomBytes(32).toString("hex"),
              LOCAL_RUNTIME: "container",
              LOCAL_REDIS_IMAGE: redisImage,
            })
            .withExposedPorts(8080)
            .withWaitStrategy(Wait.forHttp("/healthz", 8080)),
        );
        const origin = `http://${started.getHost()}:${started.getMappedPort(8080)}`;

        const health = await fetch(`${origin}/healthz`);
        const anonymous = await fetch(`${origin}/container-image-check`);

        expect(health.status).toBe(200);
        expect(await health.json()).toEqual({ status: "ok" });
        expect(anonymous.status).toBe(401);
      });
    });
  },
);
