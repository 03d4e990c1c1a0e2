import { ADMIN_USER } from "../engine/engine-node.js";
import { checkAccessString } from "../model/access-string.js";
import { engineName, rbacId } from "../model/identifiers.js";
import { paginate } from "../model/paginate.js";
import type { User } from "../model/resources.js";
import { readTags } from "../model/tags.js";
import { fault, invalidCombination, invalidValue } from "../protocol/aws-fault.js";
import type { QueryParams } from "../protocol/query-params.js";
import { xmlList, type XmlObject } from "../protocol/xml-response.js";
import { groupsOfUser, syncGroups } from "../service/cache-acl.js";
import type { EmulatorState } from "../service/emulator-state.js";
import { user as findUser } from "../service/lookups.js";
import { userShape } from "../shapes/user-shapes.js";
import type { ActionTable } from "./action.js";
import { readUserAuthentication } from "./user-authentication.js";

function userName(value: string): string {
  if (/\s/.test(value) || value === ADMIN_USER) {
    throw invalidValue(
      `UserName: "${value}" is not usable: user names cannot contain spaces or be ${ADMIN_USER}.`,
    );
  }
  return value;
}

function createUser(params: QueryParams, state: EmulatorState): XmlObject {
  const id = rbacId("UserId", params.required("UserId"));
  const name = userName(params.required("UserName"));
  const engine = engineName("Engine", params.required("Engine"));
  const accessString = checkAccessString("AccessString", params.required("AccessString"));
  const authentication = readUserAuthentication(params);
  if (!authentication) {
    throw invalidValue("A user needs Passwords, NoPasswordRequired=true or an AuthenticationMode.");
  }
  const tags = readTags(params);
  if (state.users.has(id)) throw fault("UserAlreadyExists", `User ${id} already exists.`);
  const created: User = {
    id,
    arn: state.arn("user", id),
    userName: name,
    engine,
    status: "active",
    accessString,
    ...authentication,
  };
  state.users.set(id, created);
  state.tags.add(created.arn, tags);
  state.events.record("user", id, `User ${id} created`);
  return userShape(state, created);
}

function describeUsers(params: QueryParams, state: EmulatorState): XmlObject {
  const id = params.string("UserId");
  const engine = params.string("Engine");
  let users = id !== undefined ? [findUser(state, id)] : [...state.users.values()];
  if (engine !== undefined) users = users.filter((candidate) => candidate.engine === engine.toLowerCase());
  for (const filter of params.structList("Filters") ?? []) {
    const name = filter.required("Name");
    const values = filter.list("Values") ?? [];
    if (name !== "user-id")
      throw invalidValue(`Filters: "${name}" is not a supported filter name; use user-id.`);
    users = users.filter((candidate) => values.includes(candidate.id));
  }
  const page = paginate(users, params.int("MaxRecords"), params.string("Marker"));
  return { Users: xmlList(page.items.map((found) => userShape(state, found))), Marker: page.marker };
}

function requireChangeable(found: User, verb: string): void {
  if (found.id === "default") {
    throw invalidValue(
      `The default user cannot be ${verb}; create your own user with UserName default instead.`,
    );
  }
  if (found.status !== "active")
    throw fault("InvalidUserState", `User ${found.id} is ${found.status}; it must be active.`);
}

function modifyUser(params: QueryParams, state: EmulatorState): XmlObject {
  const found = findUser(state, params.required("UserId"));
  requireChangeable(found, "modified");
  const replace = params.string("AccessString");
  const append = params.string("AppendAccessString");
  if (replace !== undefined && append !== undefined) {
    throw invalidCombination("AccessString and AppendAccessString cannot be given together.");
  }
  const accessString =
    replace !== undefined
      ? checkAccessString("AccessString", replace)
      : append !== undefined
        ? `${found.accessString} ${checkAccessString("AppendAccessString", append)}`
        : undefined;
  const authentication = readUserAuthentication(params);
  const engine =
    params.string("Engine") === undefined ? undefined : engineName("Engine", params.required("Engine"));
  if (accessString === undefined && authentication === undefined && engine === undefined) {
    throw invalidCombination("No modifications were requested.");
  }
  const { background, delays } = state.deps;
  found.status = "modifying";
  background.run(`modify user ${found.id}`, async () => {
    await background.wait(delays.modifyMs);
    if (accessString !== undefined) found.accessString = accessString;
    if (authentication !== undefined) Object.assign(found, authentication);
    if (engine !== undefined) found.engine = engine;
    try {
      await syncGroups(state, groupsOfUser(state, found.id));
    } finally {
      found.status = "active";
    }
  });
  return userShape(state, found);
}

function deleteUser(params: QueryParams, state: EmulatorState): XmlObject {
  const found = findUser(state, params.required("UserId"));
  requireChangeable(found, "deleted");
  const groups = groupsOfUser(state, found.id);
  const requiredDefault = groups.find((id) => state.userGroups.get(id)?.engine === "redis");
  if (found.userName === "default" && requiredDefault !== undefined) {
    throw fault(
      "DefaultUserAssociatedToUserGroup",
      `User ${found.id} is the default user of user group ${requiredDefault}; replace it there first.`,
    );
  }
  const { background, delays } = state.deps;
  found.status = "deleting";
  background.run(`delete user ${found.id}`, async () => {
    await background.wait(delays.deleteMs);
    // ElastiCache removes a deleted user from its groups, and so from their caches.
    for (const id of groups) {
      const group = state.userGroups.get(id);
      if (group) group.userIds = group.userIds.filter((member) => member !== found.id);
    }
    state.users.delete(found.id);
    state.tags.forget(found.arn);
    state.events.record("user", found.id, `User ${found.id} deleted`);
    await syncGroups(state, groups);
  });
  return userShape(state, found);
}

export const userActions: ActionTable = {
  CreateUser: createUser,
  DescribeUsers: describeUsers,
  ModifyUser: modifyUser,
  DeleteUser: deleteUser,
};
