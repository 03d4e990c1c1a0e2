import type { CheckMeta, CheckSpec, Profile } from "../check.js";
import type { SeedSuite } from "../suites/seed-suite.js";
import type { V09Suite } from "../suites/v09-suite.js";
import { AUTH_401_SEED } from "./seed/seed-auth-checks.js";
import {
  SEED_DEL_204,
  SEED_DEL_404_REPEAT,
  SEED_DEL_404_UNKNOWN,
  SEED_RECREATE_AFTER_DELETE,
} from "./seed/seed-delete-checks.js";
import {
  SEED_OUT_SHAPE,
  SEED_POST_200,
  SEED_POST_400_TYPE,
  SEED_POST_CONCURRENT_ONE,
  SEED_POST_REPEAT_SAME,
} from "./seed/seed-post-checks.js";
import {
  SEED_ID_INVALID,
  SEED_INPUTS_INVALID,
  SEED_POST_422_MALFORMED,
} from "./seed/seed-validation-checks.js";
import { ACCOUNT_NOT_READABLE, ACCOUNT_NOT_READABLE_SEED } from "./shared/account-checks.js";
import { CONN_SET_GET } from "./shared/connectivity-checks.js";
import { ERR_BODY_ALL, ERR_BODY_SHAPE, ERR_NO_SECRET, ERR_NO_SECRET_SEED } from "./shared/error-checks.js";
import {
  OUT_NO_SECRET_IN_VALUES,
  OUT_NO_SECRET_IN_VALUES_SEED,
  OUT_PORT_INTEGER,
  OUT_TYPE_OUTPUTS,
} from "./shared/output-checks.js";
import { RESP_BOUNDED_TIME, RESP_FAST } from "./shared/timing-checks.js";
import { AUTH_401_V09 } from "./v09/auth-checks.js";
import { PUT_CONCURRENT_ONE } from "./v09/concurrency-checks.js";
import { PUT_409_CONFLICT } from "./v09/conflict-checks.js";
import {
  COOKIE_ABSENT_OK,
  COOKIE_FORGED_IGNORED,
  COOKIE_LOSS_ONE_RESOURCE,
  COOKIE_NO_SECRET,
  COOKIE_SIZE,
} from "./v09/cookie-checks.js";
import { DEL_202_OR_204, DEL_204_REPEAT, RECREATE_AFTER_DELETE } from "./v09/delete-checks.js";
import { GET_200_READY, GET_202_IN_PROGRESS, GET_404_DELETED } from "./v09/get-checks.js";
import { HINT_SHAPE } from "./v09/hint-checks.js";
import {
  OUT_ID_ECHO,
  OUT_MANIFESTS_SHAPE,
  OUT_ONE_IDENTITY,
  OUT_TYPE_ECHO,
  OUT_VALUES_SECRETS_OBJECTS,
} from "./v09/output-checks.js";
import {
  PUT_200_READY,
  PUT_202_REPEAT,
  PUT_CREATE_202_OR_200,
  PUT_IDEMPOTENT_OUTPUTS,
} from "./v09/put-checks.js";
import { UPDATE_READY } from "./v09/update-checks.js";
import {
  BODY_400_MALFORMED,
  ID_400_INVALID,
  INPUTS_400_INVALID,
  TYPE_400_UNSUPPORTED,
} from "./v09/validation-checks.js";
import { DEL_204_UNKNOWN, GET_404_UNKNOWN } from "./v09/unknown-id-checks.js";

/**
 * v0.9 checks in run order: cheap checks on unknown or invalid ids and inputs first, then the main
 * resource's life (create, repeat, GET, connect, update, delete, re-create), the probes on resources
 * of their own (cookies, concurrency), and last the checks over everything the run saw.
 */
export const V09_CHECKS: readonly CheckSpec<V09Suite>[] = [
  AUTH_401_V09,
  ID_400_INVALID,
  BODY_400_MALFORMED,
  TYPE_400_UNSUPPORTED,
  INPUTS_400_INVALID,
  DEL_204_UNKNOWN,
  GET_404_UNKNOWN,
  PUT_CREATE_202_OR_200,
  PUT_409_CONFLICT,
  GET_202_IN_PROGRESS,
  PUT_202_REPEAT,
  PUT_200_READY,
  PUT_IDEMPOTENT_OUTPUTS,
  GET_200_READY,
  CONN_SET_GET,
  UPDATE_READY,
  DEL_202_OR_204,
  DEL_204_REPEAT,
  GET_404_DELETED,
  RECREATE_AFTER_DELETE,
  COOKIE_LOSS_ONE_RESOURCE,
  COOKIE_ABSENT_OK,
  COOKIE_FORGED_IGNORED,
  PUT_CONCURRENT_ONE,
  OUT_ID_ECHO,
  OUT_TYPE_ECHO,
  OUT_VALUES_SECRETS_OBJECTS,
  OUT_TYPE_OUTPUTS,
  OUT_PORT_INTEGER,
  OUT_MANIFESTS_SHAPE,
  OUT_ONE_IDENTITY,
  OUT_NO_SECRET_IN_VALUES,
  HINT_SHAPE,
  ERR_BODY_SHAPE,
  ERR_BODY_ALL,
  ERR_NO_SECRET,
  COOKIE_SIZE,
  COOKIE_NO_SECRET,
  ACCOUNT_NOT_READABLE,
  RESP_BOUNDED_TIME,
  RESP_FAST,
];

/** 2020-profile checks in run order. */
export const SEED_CHECKS: readonly CheckSpec<SeedSuite>[] = [
  AUTH_401_SEED,
  SEED_POST_422_MALFORMED,
  SEED_ID_INVALID,
  SEED_INPUTS_INVALID,
  SEED_POST_400_TYPE,
  SEED_DEL_404_UNKNOWN,
  SEED_POST_200,
  SEED_POST_REPEAT_SAME,
  CONN_SET_GET,
  SEED_DEL_204,
  SEED_DEL_404_REPEAT,
  SEED_RECREATE_AFTER_DELETE,
  SEED_POST_CONCURRENT_ONE,
  SEED_OUT_SHAPE,
  OUT_TYPE_OUTPUTS,
  OUT_PORT_INTEGER,
  OUT_NO_SECRET_IN_VALUES_SEED,
  ERR_BODY_ALL,
  ERR_NO_SECRET_SEED,
  ACCOUNT_NOT_READABLE_SEED,
  RESP_BOUNDED_TIME,
];

/** Id, title, clause, source, level and features of every check of a profile, in run order. */
export function listChecks(profile: Profile): CheckMeta[] {
  const checks: readonly CheckMeta[] = profile === "2020" ? SEED_CHECKS : V09_CHECKS;
  return checks.map(({ id, title, clause, source, level, features }) => ({
    id,
    title,
    clause,
    source,
    level,
    features,
  }));
}
