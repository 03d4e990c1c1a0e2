import {
  DescribeImagesCommand,
  GetAuthorizationTokenCommand,
  ImageNotFoundException,
  RepositoryNotFoundException,
  type ECRClient,
} from "@aws-sdk/client-ecr";

export interface RegistryCredentials {
  /** Host name, e.g. `123456789012.dkr.ecr.us-east-1.amazonaws.com`. */
  readonly registry: string;
  readonly username: string;
  readonly password: string;
}

/** The registry the stack's repositories live in. */
export interface ImageRegistry {
  credentials(): Promise<RegistryCredentials>;
  /** Whether `repositoryUrl:tag` has been pushed. */
  hasImage(repositoryUrl: string, tag: string): Promise<boolean>;
}

/** Amazon ECR: a login token from the API (no AWS CLI needed) and image lookups by tag. */
export function ecrRegistry(ecr: ECRClient): ImageRegistry {
  return {
    async credentials() {
      const answer = await ecr.send(new GetAuthorizationTokenCommand({}));
      const data = answer.authorizationData?.[0];
      if (!data?.authorizationToken || !data.proxyEndpoint) {
        throw new Error("ECR GetAuthorizationToken returned no token");
      }
      const decoded = Buffer.from(data.authorizationToken, "base64").toString("utf8");
      const separator = decoded.indexOf(":");
      return {
        registry: new URL(data.proxyEndpoint).host,
        username: decoded.slice(0, separator),
        password: decoded.slice(separator + 1),
      };
    },
    async hasImage(repositoryUrl, tag) {
      const repositoryName = repositoryUrl.slice(repositoryUrl.indexOf("/") + 1);
      try {
        const answer = await ecr.send(
          new DescribeImagesCommand({ repositoryName, imageIds: [{ imageTag: tag }] }),
        );
        return (answer.imageDetails ?? []).length > 0;
      } catch (error) {
        if (error instanceof ImageNotFoundException || error instanceof RepositoryNotFoundException)
          return false;
        throw error;
      }
    },
  };
}
