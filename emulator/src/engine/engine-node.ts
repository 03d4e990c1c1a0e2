import { withRedis, type RedisTarget, type RunningInstance } from "@elasticache-driver-kit/driver/local";
import { setUserCommand, type AclUser } from "./acl-user.js";
import type { CommandAliases } from "./restricted-commands.js";

/** The engine's own management user; not a valid ElastiCache user name, so it never collides. */
export const ADMIN_USER = "_emulator-admin";

type AdminClient = Parameters<Parameters<typeof withRedis>[2]>[0];

/** One redis-server of a cache: where clients reach it, and how the endpoint manages it. */
export class EngineNode {
  readonly #instance: RunningInstance;
  readonly #adminPassword: string;
  readonly #target: RedisTarget;
  /** ACL writes of this node, one at a time in the order they were asked for. */
  #aclQueue: Promise<void> = Promise.resolve();

  constructor(
    instance: RunningInstance,
    adminPassword: string,
    caPem: string | undefined,
    readonly aliases: CommandAliases,
    /** The cluster bus port, in cluster mode. */
    readonly busPort: number | undefined,
  ) {
    this.#instance = instance;
    this.#adminPassword = adminPassword;
    this.#target = { host: instance.host, port: instance.port, ca: caPem };
  }

  get host(): string {
    return this.#instance.host;
  }

  get port(): number {
    return this.#instance.port;
  }

  isAlive(): boolean {
    return this.#instance.isAlive();
  }

  /** Runs `use` on a connection of the management user. */
  admin<T>(use: (client: AdminClient) => Promise<T>): Promise<T> {
    return withRedis(this.#target, { username: ADMIN_USER, password: this.#adminPassword }, use, 5_000);
  }

  /** One command as the management user. */
  command(args: readonly string[]): Promise<unknown> {
    return this.admin((client) => client.sendCommand([...args]));
  }

  /**
   * Makes the node's ACL users exactly `usersNow()` (plus the management user): users not listed
   * are deleted, which also disconnects their clients, as ElastiCache does when a user leaves a
   * group. Writes queue per node and the list is taken when this one's turn comes, so a change
   * asked for earlier never lands after a later one (an older list would undo a new password).
   */
  applyAcl(usersNow: () => readonly AclUser[]): Promise<void> {
    const turn = this.#aclQueue.then(() => this.#writeAcl(usersNow()));
    // The next write waits for this one, whether it worked or not.
    this.#aclQueue = turn.catch(() => undefined);
    return turn;
  }

  async #writeAcl(users: readonly AclUser[]): Promise<void> {
    await this.admin(async (client) => {
      const existing = (await client.sendCommand(["ACL", "USERS"])) as string[];
      const wanted = new Set(users.map((user) => user.name));
      for (const name of existing) {
        if (name !== ADMIN_USER && name !== "default" && !wanted.has(name)) {
          await client.sendCommand(["ACL", "DELUSER", name]);
        }
      }
      for (const user of users) await client.sendCommand(setUserCommand(user));
      if (!wanted.has("default")) await client.sendCommand(["ACL", "SETUSER", "default", "reset", "off"]);
    });
  }

  async configSet(parameter: string, value: string): Promise<void> {
    await this.command([this.aliases.name("config"), "SET", parameter, value]);
  }

  /** Writes the data set to disk and copies the RDB file to `target` on this machine. */
  async saveTo(target: string): Promise<void> {
    await this.command([this.aliases.name("save")]);
    await this.#instance.copyDataFile(target);
  }

  stop(): Promise<void> {
    return this.#instance.stop();
  }
}
