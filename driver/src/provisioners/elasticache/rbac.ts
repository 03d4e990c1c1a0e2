import { randomBytes } from "node:crypto";
import {
  CreateUserCommand,
  CreateUserGroupCommand,
  DeleteUserCommand,
  DeleteUserGroupCommand,
  DescribeUserGroupsCommand,
  DescribeUsersCommand,
  ModifyUserCommand,
  type ElastiCacheClient,
  type Tag,
  type User,
  type UserGroup,
} from "@aws-sdk/client-elasticache";
import type { DriverInputs } from "../../inputs/driver-inputs.js";
import { awsCall, awsFault, awsLookup } from "./aws-call.js";
import { isAlreadyExists, isNotFound } from "./aws-faults.js";
import { FULL_ACCESS, NO_ACCESS } from "./access-string.js";
import type { ResourceNames } from "./names.js";

/** One RBAC user the driver creates for a resource. */
export interface UserPlan {
  id: string;
  userName: string;
  accessString: string;
  /** False for the switched-off stand-in `default` user. */
  holdsPassword: boolean;
}

/** RBAC and AUTH tokens differ in the engine name users and user groups take: always "redis". */
const RBAC_ENGINE = "redis";

/**
 * The users of a resource with its own user group: its user (named `username`, or `default`) and,
 * when that user is not `default`, a switched-off `default` user, because every user group must
 * hold a user named `default`.
 */
export function usersFor(names: ResourceNames, spec: DriverInputs): UserPlan[] {
  const userName = spec.username ?? "default";
  const own = { id: names.user, userName, accessString: FULL_ACCESS, holdsPassword: true };
  if (userName === "default") return [own];
  return [own, { id: names.defaultUser, userName: "default", accessString: NO_ACCESS, holdsPassword: false }];
}

/**
 * The password of a switched-off stand-in `default` user: it can never log in ("off"), so it needs none
 * of the resource's passwords, and any replica can create it again without knowing them.
 */
const standInPassword = (): string => randomBytes(24).toString("hex");

/**
 * Creates a user unless it exists (an earlier attempt or another replica made it). A stand-in
 * `default` user gets a password of its own, not `password`.
 */
export async function ensureUser(
  client: ElastiCacheClient,
  plan: UserPlan,
  password: string,
  tags: Tag[],
): Promise<void> {
  const secret = plan.holdsPassword ? password : standInPassword();
  try {
    await client.send(
      new CreateUserCommand({
        UserId: plan.id,
        UserName: plan.userName,
        Engine: RBAC_ENGINE,
        AccessString: plan.accessString,
        AuthenticationMode: { Type: "password", Passwords: [secret] },
        Tags: tags,
      }),
    );
  } catch (error) {
    if (!isAlreadyExists(error)) awsFault(error, "elasticache:CreateUser", plan.id, [secret]);
  }
}

export async function ensureUserGroup(
  client: ElastiCacheClient,
  groupId: string,
  userIds: string[],
  tags: Tag[],
): Promise<void> {
  try {
    await client.send(
      new CreateUserGroupCommand({ UserGroupId: groupId, Engine: RBAC_ENGINE, UserIds: userIds, Tags: tags }),
    );
  } catch (error) {
    if (!isAlreadyExists(error)) awsFault(error, "elasticache:CreateUserGroup", groupId);
  }
}

export async function describeUser(client: ElastiCacheClient, id: string): Promise<User | undefined> {
  const output = await awsLookup("elasticache:DescribeUsers", id, () =>
    client.send(new DescribeUsersCommand({ UserId: id })),
  );
  return output?.Users?.[0];
}

export async function describeUserGroup(
  client: ElastiCacheClient,
  id: string,
): Promise<UserGroup | undefined> {
  const output = await awsLookup("elasticache:DescribeUserGroups", id, () =>
    client.send(new DescribeUserGroupsCommand({ UserGroupId: id })),
  );
  return output?.UserGroups?.[0];
}

/**
 * Rotation without a gap: the user keeps the password it has and gains the new one; the older one
 * goes at the next rotation, when these two are replaced by the then current and next.
 */
export async function setPasswords(
  client: ElastiCacheClient,
  userId: string,
  passwords: string[],
): Promise<void> {
  await awsCall(
    "elasticache:ModifyUser",
    userId,
    () =>
      client.send(
        new ModifyUserCommand({
          UserId: userId,
          AuthenticationMode: { Type: "password", Passwords: passwords },
        }),
      ),
    passwords,
  );
}

/** Deletes a user or user group; gone already is fine, busy is retried by the caller's next call. */
export async function deleteQuietly(
  client: ElastiCacheClient,
  kind: "user" | "user-group",
  id: string,
): Promise<void> {
  try {
    if (kind === "user") await client.send(new DeleteUserCommand({ UserId: id }));
    else await client.send(new DeleteUserGroupCommand({ UserGroupId: id }));
  } catch (error) {
    if (isNotFound(error)) return;
    const name = (error as { name?: string }).name ?? "";
    if (/Invalid(User|UserGroup)StateFault|DefaultUserAssociatedToUserGroupFault/.test(name)) return;
    awsFault(error, kind === "user" ? "elasticache:DeleteUser" : "elasticache:DeleteUserGroup", id);
  }
}
