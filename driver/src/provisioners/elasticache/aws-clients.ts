import { createHash } from "node:crypto";
import { EC2Client } from "@aws-sdk/client-ec2";
import { EKSClient } from "@aws-sdk/client-eks";
import { ElastiCacheClient, type ElastiCacheClientConfig } from "@aws-sdk/client-elasticache";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { LRUCache } from "lru-cache";
import type { Logger } from "pino";
import type { DriverSecrets } from "../../inputs/driver-inputs.js";
import { logAwsCalls } from "./aws-call-log.js";

/** The SDK clients one account in one region uses. */
export interface AwsClients {
  readonly elasticache: ElastiCacheClient;
  readonly ec2: EC2Client;
  readonly eks: EKSClient;
}

type Account = NonNullable<DriverSecrets["account"]>;
type Credentials = NonNullable<ElastiCacheClientConfig["credentials"]>;

/** Retries of throttled and failed calls inside the SDK, with its backoff, before a fault surfaces. */
const MAX_ATTEMPTS = 4;

function credentialsOf(account: Account, region: string): Credentials {
  const base = {
    accessKeyId: account.aws_access_key_id,
    secretAccessKey: account.aws_secret_access_key,
    ...(account.aws_session_token ? { sessionToken: account.aws_session_token } : {}),
  };
  if (!account.role_arn) return base;
  return fromTemporaryCredentials({
    masterCredentials: base,
    params: { RoleArn: account.role_arn, RoleSessionName: "elasticache-driver-kit" },
    clientConfig: { region },
  });
}

/**
 * One set of SDK clients per account (or the ambient credential chain) in the configured region,
 * built on first use and reused, at most `maxAccounts` at a time. Accounts are told apart by a
 * SHA-256 of their credentials, so no secret is ever a map key, a log field or a metric label.
 * No endpoint is set here: the SDK's own `AWS_ENDPOINT_URL(_<SERVICE>)` decides where calls go.
 */
export class AwsClientPool {
  readonly #clients: LRUCache<string, AwsClients>;

  readonly #logger: Logger | undefined;

  /** `logger` receives one line per AWS call (see aws-call-log.ts); no logger, no lines. */
  constructor(
    readonly region: string,
    options: { logger?: Logger; maxAccounts?: number } = {},
  ) {
    this.#logger = options.logger;
    this.#clients = new LRUCache({
      max: options.maxAccounts ?? 100,
      dispose: (clients) => this.#destroy(clients),
    });
  }

  /** The clients for the account of a request, or for the driver's ambient credentials. */
  for(secrets: DriverSecrets): AwsClients {
    const account = secrets.account;
    const key = account ? createHash("sha256").update(JSON.stringify(account)).digest("hex") : "ambient";
    let clients = this.#clients.get(key);
    if (!clients) {
      const config = {
        region: this.region,
        maxAttempts: MAX_ATTEMPTS,
        ...(account ? { credentials: credentialsOf(account, this.region) } : {}),
      };
      clients = {
        elasticache: new ElastiCacheClient(config),
        ec2: new EC2Client(config),
        eks: new EKSClient(config),
      };
      if (this.#logger) for (const client of Object.values(clients)) logAwsCalls(client, this.#logger);
      this.#clients.set(key, clients);
    }
    return clients;
  }

  /** How many accounts have clients now. */
  get size(): number {
    return this.#clients.size;
  }

  close(): void {
    this.#clients.clear();
  }

  #destroy(clients: AwsClients): void {
    clients.elasticache.destroy();
    clients.ec2.destroy();
    clients.eks.destroy();
  }
}
