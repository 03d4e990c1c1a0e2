import type { User, UserGroup } from "../model/resources.js";
import { xmlList, type XmlObject } from "../protocol/xml-response.js";
import { cachesUsingGroup, groupsOfUser } from "../service/cache-acl.js";
import type { EmulatorState } from "../service/emulator-state.js";

const minimumVersion = (engine: User["engine"]) => (engine === "valkey" ? "7.2" : "6.0");

export const userShape = (state: EmulatorState, user: User): XmlObject => ({
  UserId: user.id,
  UserName: user.userName,
  Status: user.status,
  Engine: user.engine,
  MinimumEngineVersion: minimumVersion(user.engine),
  AccessString: user.accessString,
  UserGroupIds: xmlList(groupsOfUser(state, user.id)),
  Authentication: { Type: user.authentication, PasswordCount: user.passwordSha256s.length },
  ARN: user.arn,
});

export function userGroupShape(state: EmulatorState, group: UserGroup): XmlObject {
  const caches = cachesUsingGroup(state, group.id);
  return {
    UserGroupId: group.id,
    Status: group.status,
    Engine: group.engine,
    UserIds: xmlList(group.userIds),
    MinimumEngineVersion: minimumVersion(group.engine),
    PendingChanges: group.pending && {
      UserIdsToRemove: xmlList(group.pending.remove),
      UserIdsToAdd: xmlList(group.pending.add),
    },
    ReplicationGroups: xmlList(
      caches.filter((cache) => cache.kind === "replication-group").map((cache) => cache.id),
    ),
    ServerlessCaches: xmlList(
      caches.filter((cache) => cache.kind === "serverless-cache").map((cache) => cache.id),
    ),
    ARN: group.arn,
  };
}
