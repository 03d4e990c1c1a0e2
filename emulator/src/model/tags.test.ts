import { describe, expect, it } from "vitest";
import { AwsFault } from "../protocol/aws-fault.js";
import { QueryParams } from "../protocol/query-params.js";
import { arnOf, parseArn } from "./arn.js";
import { readTags, TagStore } from "./tags.js";

const codeOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof AwsFault) return error.code;
    throw error;
  }
  return "none";
};

const tagParams = (count: number) => {
  const body = new URLSearchParams();
  for (let index = 1; index <= count; index += 1) {
    body.set(`Tags.Tag.${index}.Key`, `k${index}`);
    body.set(`Tags.Tag.${index}.Value`, `v${index}`);
  }
  return QueryParams.parse(body.toString());
};

describe("tags", () => {
  it("keeps tags per ARN, overwriting values of the same key", () => {
    const store = new TagStore();
    store.add("arn:1", [
      { Key: "a", Value: "1" },
      { Key: "b", Value: "2" },
    ]);
    store.add("arn:1", [{ Key: "a", Value: "3" }]);
    expect(store.list("arn:1")).toEqual([
      { Key: "a", Value: "3" },
      { Key: "b", Value: "2" },
    ]);
    store.remove("arn:1", ["b"]);
    expect(store.list("arn:1")).toEqual([{ Key: "a", Value: "3" }]);
    expect(codeOf(() => store.remove("arn:1", ["b"]))).toBe("TagNotFound");
  });

  it("limits a resource to 50 tags and refuses reserved keys", () => {
    expect(readTags(tagParams(50))).toHaveLength(50);
    expect(codeOf(() => readTags(tagParams(51)))).toBe("TagQuotaPerResourceExceeded");
    const reserved = QueryParams.parse("Tags.Tag.1.Key=aws%3Aowner&Tags.Tag.1.Value=x");
    expect(codeOf(() => readTags(reserved))).toBe("InvalidParameterValue");
  });
});

describe("ARNs", () => {
  const partition = { region: "us-east-1", account: "000000000000" };

  it("round-trips this endpoint's ARNs", () => {
    const arn = arnOf(partition, "replicationgroup", "cache-1");
    expect(arn).toBe("arn:aws:elasticache:us-east-1:000000000000:replicationgroup:cache-1");
    expect(parseArn(partition, arn)).toEqual({ type: "replicationgroup", id: "cache-1" });
  });

  it("answers InvalidARN for malformed ARNs and other regions", () => {
    expect(codeOf(() => parseArn(partition, "cache-1"))).toBe("InvalidARN");
    expect(codeOf(() => parseArn(partition, "arn:aws:elasticache:eu-west-1:000000000000:user:u"))).toBe(
      "InvalidARN",
    );
  });
});
