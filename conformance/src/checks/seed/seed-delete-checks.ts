import type { CheckSpec } from "../../check.js";
import { assertNoProblems, HarnessError } from "../../check.js";
import { newResourceId } from "../../resource-ids.js";
import type { SeedSuite } from "../../suites/seed-suite.js";
import { seconds } from "../../suites/v09-suite.js";
import { errorAnswerProblems, skipUnlessDeleted, statusProblems } from "../expect.js";

export const SEED_DEL_204: CheckSpec<SeedSuite> = {
  id: "SEED-DEL-204",
  title:
    "DELETE /{id} with the humanitec-resource-type / -driver-params / -driver-secrets headers answers 204",
  clause: "§2 Seed-era profile",
  level: "core",
  features: [],
  async run(suite) {
    await suite.mainReady();
    const deletion = await suite.mainDeleted();
    if (deletion.gaveUp) {
      throw new HarnessError(
        `DELETE still asked to retry after ${seconds(deletion.elapsedMs)}; raise --timeout`,
      );
    }
    assertNoProblems(statusProblems(deletion.final, [204], "DELETE"), [deletion.final]);
  },
};

export const SEED_DEL_404_REPEAT: CheckSpec<SeedSuite> = {
  id: "SEED-DEL-404-REPEAT",
  title: "DELETE /{id} of a resource already deleted answers 404",
  clause: "§2 Seed-era profile (404 when unknown)",
  level: "core",
  features: [],
  async run(suite) {
    const deletion = await suite.mainDeleted();
    skipUnlessDeleted(deletion, "SEED-DEL-204");
    const { id } = await suite.main();
    const again = await suite.delete(id);
    assertNoProblems(errorAnswerProblems(again, 404, "second DELETE"), [again]);
  },
};

export const SEED_DEL_404_UNKNOWN: CheckSpec<SeedSuite> = {
  id: "SEED-DEL-404-UNKNOWN",
  title: "DELETE /{id} of an id that never existed answers 404 with an Error body",
  clause: "§2 Seed-era profile (404 when unknown)",
  level: "core",
  features: [],
  async run(suite) {
    const del = await suite.delete(newResourceId());
    assertNoProblems(errorAnswerProblems(del, 404, "DELETE of an unknown id"), [del]);
  },
};
