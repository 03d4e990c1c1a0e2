import { UserError } from "../cli/user-error.js";

const CREDENTIAL_FIX =
  "configure credentials (`aws configure`, `aws sso login --profile P` with AWS_PROFILE=P, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)";

/**
 * The user-fixable meaning of an AWS SDK error, by its `name`: missing, expired or rejected
 * credentials, or a missing permission. Undefined for anything else.
 */
export function awsUserError(error: unknown, action: string): UserError | undefined {
  if (!(error instanceof Error)) return undefined;
  switch (error.name) {
    case "CredentialsProviderError":
      return new UserError("AWS credentials", "none found", CREDENTIAL_FIX, { cause: error });
    case "ExpiredToken":
    case "ExpiredTokenException":
    case "RequestExpired":
      return new UserError(
        "AWS credentials",
        "the session has expired",
        "refresh it (`aws sso login`, or new temporary keys) and run again",
        { cause: error },
      );
    case "InvalidClientTokenId":
    case "UnrecognizedClientException":
    case "SignatureDoesNotMatch":
    case "AuthFailure":
      return new UserError("AWS credentials", `rejected by AWS (${error.name})`, CREDENTIAL_FIX, {
        cause: error,
      });
    case "AccessDenied":
    case "AccessDeniedException":
    case "UnauthorizedOperation":
      return new UserError(
        "AWS permissions",
        `${action} was denied (${error.name})`,
        `use credentials allowed to call ${action}`,
        { cause: error },
      );
    default:
      return undefined;
  }
}
