import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackTags } from "../tags.js";

export interface RegistryArgs {
  readonly driverRepositoryName: string;
  readonly sampleAppRepositoryName: string;
  /** Let `pulumi destroy` delete repositories that still hold images. */
  readonly forceDelete: boolean;
  readonly tags: StackTags;
}

/** Container repositories for the two images, scanned on push; old untagged images expire. */
export class Registry extends pulumi.ComponentResource {
  readonly driverRepositoryUrl: pulumi.Output<string>;
  readonly sampleAppRepositoryUrl: pulumi.Output<string>;

  constructor(name: string, args: RegistryArgs, opts?: pulumi.ComponentResourceOptions) {
    super("elasticache-driver-kit:infra:Registry", name, {}, opts);
    const repository = (suffix: string, repositoryName: string) => {
      const repo = new aws.ecr.Repository(
        `${name}-${suffix}`,
        {
          name: repositoryName,
          imageTagMutability: "MUTABLE",
          imageScanningConfiguration: { scanOnPush: true },
          encryptionConfigurations: [{ encryptionType: "AES256" }],
          forceDelete: args.forceDelete,
          tags: { ...args.tags },
        },
        { parent: this },
      );
      new aws.ecr.LifecyclePolicy(
        `${name}-${suffix}`,
        {
          repository: repo.name,
          policy: JSON.stringify({
            rules: [
              {
                rulePriority: 1,
                description: "Expire untagged images after 14 days",
                selection: {
                  tagStatus: "untagged",
                  countType: "sinceImagePushed",
                  countUnit: "days",
                  countNumber: 14,
                },
                action: { type: "expire" },
              },
            ],
          }),
        },
        { parent: this },
      );
      return repo;
    };
    this.driverRepositoryUrl = repository("driver", args.driverRepositoryName).repositoryUrl;
    this.sampleAppRepositoryUrl = repository("sample-app", args.sampleAppRepositoryName).repositoryUrl;
    this.registerOutputs({
      driverRepositoryUrl: this.driverRepositoryUrl,
      sampleAppRepositoryUrl: this.sampleAppRepositoryUrl,
    });
  }
}
