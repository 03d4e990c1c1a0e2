import { engineName, rbacId } from "../model/identifiers.js";
import type { Engine } from "../model/identifiers.js";
import { paginate } from "../model/paginate.js";
import type { UserGroup } from "../model/resources.js";
import { readTags } from "../model/tags.js";
import { fault, invalidCombination, invalidValue } from "../protocol/aws-fault.js";
import type { QueryParams } from "../protocol/query-params.js";
import { xmlList, type XmlObject } from "../protocol/xml-response.js";
import { cachesUsingGroup, syncGroups } from "../service/cache-acl.js";
import type { EmulatorState } from "../service/emulator-state.js";
import { user as findUser, userGroup as findGroup } from "../service/lookups.js";
import { userGroupShape } from "../shapes/user-shapes.js";
import type { ActionTable } from "./action.js";

/**
 * The rules ElastiCache applies to a group's members: user names unique within the group, a
 * user named `default` in a `redis` group, only password users in a `valkey` group, and no
 * `valkey` users in a `redis` group.
 */
function checkMembers(
  state: EmulatorState,
  groupId: string,
  engine: Engine,
  userIds: readonly string[],
): void {
  const members = userIds.map((id) => findUser(state, id));
  const names = new Map<string, string>();
  for (const member of members) {
    const other = names.get(member.userName);
    if (other !== undefined) {
      throw fault(
        "DuplicateUserName",
        `Users ${other} and ${member.id} of user group ${groupId} both have the user name ${member.userName}.`,
      );
    }
    names.set(member.userName, member.id);
    if (engine === "valkey" && member.authentication === "no-password") {
      throw invalidCombination(
        `User ${member.id} needs no password; a valkey user group can only contain users that authenticate with a password.`,
      );
    }
    if (engine === "redis" && member.engine === "valkey") {
      throw invalidCombination(
        `User ${member.id} has engine valkey; a redis user group can only contain redis users.`,
      );
    }
  }
  if (engine === "redis" && !names.has("default")) {
    throw fault(
      "DefaultUserRequired",
      `User group ${groupId} (engine redis) must contain a user whose UserName is default, such as the user default.`,
    );
  }
}

const lowercaseIds = (ids: readonly string[] | undefined) => (ids ?? []).map((id) => id.toLowerCase());

function createUserGroup(params: QueryParams, state: EmulatorState): XmlObject {
  const id = rbacId("UserGroupId", params.required("UserGroupId"));
  const engine = engineName("Engine", params.required("Engine"));
  const userIds = [...new Set(lowercaseIds(params.list("UserIds")))];
  checkMembers(state, id, engine, userIds);
  const tags = readTags(params);
  if (state.userGroups.has(id)) throw fault("UserGroupAlreadyExists", `User group ${id} already exists.`);
  const group: UserGroup = {
    id,
    arn: state.arn("usergroup", id),
    engine,
    status: "creating",
    userIds,
    pending: undefined,
  };
  state.userGroups.set(id, group);
  state.tags.add(group.arn, tags);
  const { background, delays } = state.deps;
  background.run(`create user group ${id}`, async () => {
    await background.wait(delays.createMs);
    group.status = "active";
    state.events.record("user-group", id, `User group ${id} created`);
  });
  return userGroupShape(state, group);
}

function describeUserGroups(params: QueryParams, state: EmulatorState): XmlObject {
  const id = params.string("UserGroupId");
  const groups = id !== undefined ? [findGroup(state, id)] : [...state.userGroups.values()];
  const page = paginate(groups, params.int("MaxRecords"), params.string("Marker"));
  return {
    UserGroups: xmlList(page.items.map((group) => userGroupShape(state, group))),
    Marker: page.marker,
  };
}

function requireActive(group: UserGroup): void {
  if (group.status !== "active") {
    throw fault("InvalidUserGroupState", `User group ${group.id} is ${group.status}; it must be active.`);
  }
}

function modifyUserGroup(params: QueryParams, state: EmulatorState): XmlObject {
  const group = findGroup(state, params.required("UserGroupId"));
  requireActive(group);
  const add = [...new Set(lowercaseIds(params.list("UserIdsToAdd")))];
  const remove = [...new Set(lowercaseIds(params.list("UserIdsToRemove")))];
  const engine =
    params.string("Engine") === undefined ? group.engine : engineName("Engine", params.required("Engine"));
  for (const id of add) {
    findUser(state, id);
    if (group.userIds.includes(id))
      throw invalidValue(`UserIdsToAdd: user ${id} is already in user group ${group.id}.`);
  }
  const notMember = remove.find((id) => !group.userIds.includes(id));
  if (notMember !== undefined) {
    throw invalidValue(`UserIdsToRemove: user ${notMember} is not in user group ${group.id}.`);
  }
  if (add.length === 0 && remove.length === 0 && engine === group.engine) {
    throw invalidCombination("No modifications were requested.");
  }
  const userIds = [...group.userIds.filter((id) => !remove.includes(id)), ...add];
  checkMembers(state, group.id, engine, userIds);
  const { background, delays } = state.deps;
  group.status = "modifying";
  group.pending = { add, remove };
  background.run(`modify user group ${group.id}`, async () => {
    await background.wait(delays.modifyMs);
    group.userIds = userIds;
    group.engine = engine;
    group.pending = undefined;
    try {
      await syncGroups(state, [group.id]);
    } finally {
      group.status = "active";
    }
  });
  return userGroupShape(state, group);
}

function deleteUserGroup(params: QueryParams, state: EmulatorState): XmlObject {
  const group = findGroup(state, params.required("UserGroupId"));
  requireActive(group);
  const inUse = cachesUsingGroup(state, group.id)[0];
  if (inUse !== undefined) {
    throw fault(
      "InvalidUserGroupState",
      `User group ${group.id} is associated with ${inUse.kind === "replication-group" ? "replication group" : "serverless cache"} ${inUse.id}; remove it from there first.`,
    );
  }
  const { background, delays } = state.deps;
  group.status = "deleting";
  background.run(`delete user group ${group.id}`, async () => {
    await background.wait(delays.deleteMs);
    state.userGroups.delete(group.id);
    state.tags.forget(group.arn);
    state.events.record("user-group", group.id, `User group ${group.id} deleted`);
  });
  return userGroupShape(state, group);
}

export const userGroupActions: ActionTable = {
  CreateUserGroup: createUserGroup,
  DescribeUserGroups: describeUserGroups,
  ModifyUserGroup: modifyUserGroup,
  DeleteUserGroup: deleteUserGroup,
};
