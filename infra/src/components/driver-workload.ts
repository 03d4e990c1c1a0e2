import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
  DRIVER_CREDENTIALS_SECRET,
  DRIVER_NAME,
  DRIVER_PORT,
  renderDriverManifests,
  type DriverManifestSettings,
} from "../manifests/driver-manifests.js";

export interface DriverWorkloadArgs extends Omit<DriverManifestSettings, "certificateArn"> {
  /** With a certificate: HTTPS through a load balancer at this host name. */
  readonly https: { readonly certificateArn: string; readonly hostname: string } | undefined;
  readonly secretKey: pulumi.Input<string>;
  readonly authToken: pulumi.Input<string>;
  readonly authPathSecret: pulumi.Input<string>;
  readonly provider: k8s.Provider;
}

/** The driver's service account, credentials, Deployment, disruption budget and Service. */
export class DriverWorkload extends pulumi.ComponentResource {
  /** What Humanitec calls: HTTPS at the configured host name, else the in-cluster address. */
  readonly url: pulumi.Output<string>;
  /** The load balancer's DNS name, to point the host name at; empty without HTTPS. */
  readonly loadBalancerHostname: pulumi.Output<string>;

  constructor(name: string, args: DriverWorkloadArgs, opts?: pulumi.ComponentResourceOptions) {
    super("elasticache-driver-kit:infra:DriverWorkload", name, {}, opts);
    const options = { parent: this, provider: args.provider };
    const manifests = renderDriverManifests({ ...args, certificateArn: args.https?.certificateArn });

    const credentials = new k8s.core.v1.Secret(
      `${name}-credentials`,
      {
        metadata: { name: DRIVER_CREDENTIALS_SECRET, namespace: args.namespace },
        type: "Opaque",
        stringData: {
          DRIVER_SECRET_KEY: pulumi.secret(args.secretKey),
          DRIVER_AUTH_TOKEN: pulumi.secret(args.authToken),
          DRIVER_AUTH_PATH_SECRET: pulumi.secret(args.authPathSecret),
        },
      },
      options,
    );
    const serviceAccount = new k8s.core.v1.ServiceAccount(name, manifests.serviceAccount, options);
    const deployment = new k8s.apps.v1.Deployment(name, manifests.deployment, {
      ...options,
      dependsOn: [credentials, serviceAccount],
    });
    new k8s.policy.v1.PodDisruptionBudget(name, manifests.podDisruptionBudget, options);
    const service = new k8s.core.v1.Service(name, manifests.service, { ...options, dependsOn: [deployment] });

    const hostname = args.https?.hostname;
    this.url = pulumi.output(
      hostname
        ? `https://${hostname}/`
        : `http://${DRIVER_NAME}.${args.namespace}.svc.cluster.local:${DRIVER_PORT}/`,
    );
    this.loadBalancerHostname = hostname
      ? service.status.apply((status) => status?.loadBalancer?.ingress?.[0]?.hostname ?? "")
      : pulumi.output("");
    this.registerOutputs({ url: this.url, loadBalancerHostname: this.loadBalancerHostname });
  }
}
