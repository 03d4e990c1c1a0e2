import { describe, expect, it } from "vitest";
import { accountCredentials } from "./account-credentials.js";
import { parseInputs } from "./inputs.js";

const account = {
  aws_access_key_id: "AKIAEXAMPLEFAKE00001",
  aws_secret_access_key: "fake/secret+access/key0123456789",
  aws_session_token: "fake-session-token-0123456789",
  role_arn: "arn:aws:iam::123456789012:role/driver",
};

describe("accountCredentials", () => {
  it("takes the AWS keys and session token of driver.secrets.account, not the role", () => {
    const inputs = parseInputs({ type: "redis", driver: { secrets: { account, other: "not-an-account" } } });
    expect(accountCredentials(inputs, "v0.9").map((item) => item.source)).toEqual([
      "sent driver.secrets.account.aws_secret_access_key",
      "sent driver.secrets.account.aws_session_token",
      "sent driver.secrets.account.aws_access_key_id",
    ]);
  });

  it("names the 2020 field and includes the accounts of the update and conflict changes", () => {
    const inputs = parseInputs({
      type: "redis",
      update: { secrets: { account: { aws_secret_access_key: "rotated-secret-access-key-0123" } } },
    });
    expect(accountCredentials(inputs, "2020")).toEqual([
      {
        value: "rotated-secret-access-key-0123",
        source: "sent driver_secrets.account (update).aws_secret_access_key",
      },
    ]);
  });

  it("is empty when the inputs give no account", () => {
    expect(accountCredentials(parseInputs({ type: "redis" }), "v0.9")).toEqual([]);
  });
});
