import { invalidValue } from "../protocol/aws-fault.js";

const PRINTABLE = /^[\x21-\x7e]*$/;

/**
 * An AUTH token or user password as CreateReplicationGroup and CreateUser accept it: 16–128
 * printable ASCII characters whose only special characters are `! & # $ ^ < > -`.
 * The message never repeats the value.
 */
export function checkAuthToken(parameter: string, token: string): string {
  if (token.length < 16 || token.length > 128) {
    throw invalidValue(`${parameter}: must be at least 16 and no more than 128 characters long.`);
  }
  if (!PRINTABLE.test(token)) {
    throw invalidValue(`${parameter}: must contain only printable ASCII characters (no spaces).`);
  }
  if (!/^[A-Za-z0-9!&#$^<>-]+$/.test(token)) {
    throw invalidValue(
      `${parameter}: the only permitted printable special characters are !, &, #, $, ^, <, > and -.`,
    );
  }
  return token;
}

/**
 * A token as ModifyReplicationGroup accepts it: 16–128 printable ASCII characters without
 * `/`, `"`, `@` or `%` (the service model documents this looser rule for modifications).
 */
export function checkModifiedAuthToken(parameter: string, token: string): string {
  if (token.length < 16 || token.length > 128) {
    throw invalidValue(`${parameter}: must be at least 16 and no more than 128 characters long.`);
  }
  if (!PRINTABLE.test(token) || /[/"@%]/.test(token)) {
    throw invalidValue(`${parameter}: must be printable ASCII without spaces, '/', '"', '@' or '%'.`);
  }
  return token;
}
