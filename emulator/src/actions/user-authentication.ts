import { sha256Hex } from "@elasticache-driver-kit/driver/local";
import { checkAuthToken } from "../model/auth-token.js";
import type { User } from "../model/resources.js";
import { invalidCombination, invalidValue } from "../protocol/aws-fault.js";
import type { QueryParams } from "../protocol/query-params.js";

export interface UserAuthentication {
  authentication: User["authentication"];
  passwordSha256s: string[];
}

function passwords(parameter: string, values: string[]): string[] {
  if (values.length === 0 || values.length > 2) {
    throw invalidValue(`${parameter}: give one or two passwords (${values.length} given).`);
  }
  return values.map((password, index) =>
    sha256Hex(checkAuthToken(`${parameter}.member.${index + 1}`, password)),
  );
}

/**
 * How a user authenticates, from Passwords / NoPasswordRequired or AuthenticationMode; undefined
 * when the request says nothing about it (a ModifyUser that leaves it alone).
 */
export function readUserAuthentication(params: QueryParams): UserAuthentication | undefined {
  const plain = params.list("Passwords");
  const noPassword = params.bool("NoPasswordRequired");
  const mode = params.struct("AuthenticationMode");
  if (mode && (plain !== undefined || noPassword !== undefined)) {
    throw invalidCombination("AuthenticationMode cannot be combined with Passwords or NoPasswordRequired.");
  }
  if (mode) {
    const type = mode.required("Type");
    const modePasswords = mode.list("Passwords");
    if (type === "password") {
      return {
        authentication: "password",
        passwordSha256s: passwords("AuthenticationMode.Passwords", modePasswords ?? []),
      };
    }
    if (type === "no-password-required") {
      if (modePasswords !== undefined) {
        throw invalidCombination(
          "AuthenticationMode.Passwords cannot be given with Type no-password-required.",
        );
      }
      return { authentication: "no-password", passwordSha256s: [] };
    }
    if (type === "iam") {
      throw invalidValue(
        "AuthenticationMode.Type: iam is not modelled by the local ElastiCache endpoint; use password.",
      );
    }
    throw invalidValue(
      `AuthenticationMode.Type: "${type}" is not valid; use password, no-password-required or iam.`,
    );
  }
  if (noPassword === true) {
    if (plain !== undefined && plain.length > 0) {
      throw invalidCombination("Passwords cannot be given with NoPasswordRequired=true.");
    }
    return { authentication: "no-password", passwordSha256s: [] };
  }
  if (plain !== undefined)
    return { authentication: "password", passwordSha256s: passwords("Passwords", plain) };
  return undefined;
}
