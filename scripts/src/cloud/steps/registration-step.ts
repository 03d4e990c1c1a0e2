import { driverDefinition, driverTarget } from "../../humanitec/driver-definition.js";
import { resourceDefinition } from "../../humanitec/resource-definition.js";
import { UserError } from "../../cli/user-error.js";
import type { CloudContext } from "../cloud-context.js";
import type { Step } from "../run-steps.js";

/** The stack output holding the driver's secret target path segment (`DRIVER_AUTH_PATH_SECRET`). */
export const PATH_SECRET_OUTPUT = "driverAuthPathSecret";

/** Creates or updates Humanitec's driver and resource definitions: idempotent, so it runs every time. */
export const registrationStep: Step<CloudContext> = {
  id: "registration",
  title: "Humanitec: driver definition and redis resource definition",
  always: true,
  skip(context) {
    if (context.preflight.humanitec === undefined) return "no HUMANITEC_TOKEN and HUMANITEC_ORG (optional)";
    if (!context.output("driverUrl")?.startsWith("https://")) {
      return "the driver has no public HTTPS address for Humanitec to call; pass --certificate-arn and --driver-hostname to give it one";
    }
    if (context.output(PATH_SECRET_OUTPUT) === undefined) {
      return `the stack gives no secret target path (output ${PATH_SECRET_OUTPUT}), and Humanitec's hosted orchestrator sends no bearer token`;
    }
    return undefined;
  },
  async run(context, status) {
    const access = context.preflight.humanitec;
    if (access === undefined) throw new Error("registration without Humanitec access");
    const { settings } = context;
    // Humanitec checks nothing when a definition is saved: a driver it cannot reach fails later,
    // at a deployment. Register only once the certificate is issued and the name points here.
    if (settings.certificateArn && settings.driverHostname) {
      status(`${settings.driverHostname}: certificate issued, name resolving to the load balancer?`);
      const found = await context.deps.endpointProblem({
        hostname: settings.driverHostname,
        certificateArn: settings.certificateArn,
        loadBalancerHostname: context.output("driverLoadBalancer") ?? "",
      });
      if (found) throw new UserError("The driver's public address", found.problem, found.fix);
    }
    const api = context.deps.humanitec(access);
    const target = driverTarget(
      context.requireOutput("driverUrl"),
      context.requireOutput(PATH_SECRET_OUTPUT),
    );
    status(`driver definition ${settings.driverId}`);
    const driver = await api.upsertDriver(driverDefinition(settings.driverId, target));
    status(`resource definition ${settings.definitionId}`);
    const definition = await api.upsertResourceDefinition(
      resourceDefinition({
        id: settings.definitionId,
        org: access.org,
        driverId: settings.driverId,
        values: {},
        envType: settings.envType,
      }),
    );
    status(`driver definition ${driver}, resource definition ${definition}`);
    return { driver, definition };
  },
};
