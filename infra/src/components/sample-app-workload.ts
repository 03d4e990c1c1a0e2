import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { SampleAppCache } from "../config/stack-config.js";
import {
  SAMPLE_APP_CACHE_SECRET,
  SAMPLE_APP_NAME,
  renderSampleAppManifests,
  sampleAppCacheEnvironment,
} from "../manifests/sample-app-manifests.js";

export interface SampleAppWorkloadArgs {
  readonly namespace: string;
  readonly image: pulumi.Input<string>;
  /** A cache the driver created: its outputs, which the app reads from a Secret. */
  readonly cache: SampleAppCache;
  readonly provider: k8s.Provider;
}

/** The sample app, reachable inside the cluster (`kubectl port-forward svc/sample-app 8080:80`). */
export class SampleAppWorkload extends pulumi.ComponentResource {
  readonly url: pulumi.Output<string>;

  constructor(name: string, args: SampleAppWorkloadArgs, opts?: pulumi.ComponentResourceOptions) {
    super("elasticache-driver-kit:infra:SampleAppWorkload", name, {}, opts);
    const options = { parent: this, provider: args.provider };
    const manifests = renderSampleAppManifests(args.namespace, args.image);
    const cache = new k8s.core.v1.Secret(
      `${name}-cache`,
      {
        metadata: { name: SAMPLE_APP_CACHE_SECRET, namespace: args.namespace },
        type: "Opaque",
        stringData: pulumi.secret(sampleAppCacheEnvironment(args.cache)),
      },
      options,
    );
    const deployment = new k8s.apps.v1.Deployment(name, manifests.deployment, {
      ...options,
      dependsOn: [cache],
    });
    new k8s.core.v1.Service(name, manifests.service, { ...options, dependsOn: [deployment] });
    this.url = pulumi.output(`http://${SAMPLE_APP_NAME}.${args.namespace}.svc.cluster.local/`);
    this.registerOutputs({ url: this.url });
  }
}
