import { describe, expect, it } from "vitest";
import { answerProblem, type SoakAnswer } from "./round-robin-caller.js";

const answer = (status: number, extra: Partial<SoakAnswer> = {}): SoakAnswer => ({
  method: "PUT",
  replica: 0,
  status,
  body: undefined,
  text: "",
  hadCookie: true,
  ...extra,
});

describe("answerProblem", () => {
  it("accepts 200 and 202 to PUT and GET, 202 and 204 to DELETE", () => {
    expect(answerProblem(answer(200))).toBeUndefined();
    expect(answerProblem(answer(202, { method: "GET" }))).toBeUndefined();
    expect(answerProblem(answer(204, { method: "DELETE" }))).toBeUndefined();
    expect(answerProblem(answer(204))).toMatch(/not one of 200, 202/);
  });

  it("refuses any 4xx and a 409 to a valid identical request", () => {
    expect(answerProblem(answer(400, { body: { error: "RES-111" } }))).toMatch(
      /400 RES-111 to a valid request/,
    );
    expect(answerProblem(answer(409))).toMatch(/409 to an identical request/);
  });

  it("refuses a 5xx but the documented cold fallback: 503 RES-119 before any cookie", () => {
    const cold = answer(503, { body: { error: "RES-119" }, hadCookie: false });
    expect(answerProblem(cold)).toBeUndefined();
    expect(answerProblem({ ...cold, hadCookie: true })).toMatch(/answered 503 RES-119/);
    expect(answerProblem(answer(500, { hadCookie: false }))).toMatch(/answered 500/);
  });
});
