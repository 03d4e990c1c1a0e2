import type { CheckSpec } from "../../check.js";
import { assertNoProblems, CheckFailure, HarnessError } from "../../check.js";
import { newResourceId } from "../../resource-ids.js";
import type { SeedSuite } from "../../suites/seed-suite.js";
import { seconds } from "../../suites/v09-suite.js";
import { settledIn200, skipUnlessDeleted, statusProblems } from "../expect.js";

export const SEED_DEL_204: CheckSpec<SeedSuite> = {
  id: "SEED-DEL-204",
  title:
    "DELETE /{id} with the humanitec-resource-type / -driver-params / -driver-secrets headers answers 204",
  clause: "DELETE /{resourceId} 204: Specified Resource removed.",
  source: "driver-api-2020",
  level: "contract",
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
  clause: "DELETE /{resourceId} 404: Resource ID not recognised.",
  source: "driver-api-2020",
  level: "contract",
  features: [],
  async run(suite) {
    const deletion = await suite.mainDeleted();
    skipUnlessDeleted(deletion, "SEED-DEL-204");
    const { id } = await suite.main();
    const again = await suite.delete(id);
    assertNoProblems(statusProblems(again, [404], "second DELETE"), [again]);
  },
};

export const SEED_DEL_404_UNKNOWN: CheckSpec<SeedSuite> = {
  id: "SEED-DEL-404-UNKNOWN",
  title: "DELETE /{id} of an id that never existed answers 404",
  clause: "DELETE /{resourceId} 404: Resource ID not recognised.",
  source: "driver-api-2020",
  level: "contract",
  features: [],
  async run(suite) {
    const del = await suite.delete(newResourceId());
    assertNoProblems(statusProblems(del, [404], "DELETE of an unknown id"), [del]);
  },
};

export const SEED_RECREATE_AFTER_DELETE: CheckSpec<SeedSuite> = {
  id: "SEED-RECREATE-AFTER-DELETE",
  title:
    "After its DELETE answered 204, the same POST creates the resource again, answers 200, and that resource can be deleted",
  clause: "POST / 200: New Resorce created, updated or returned.",
  source: "driver-api-2020",
  level: "contract",
  features: [],
  async run(suite) {
    const deletion = await suite.mainDeleted();
    skipUnlessDeleted(deletion, "SEED-DEL-204");
    const { create: again, deletion: secondDeletion } = await suite.recreated();
    const note = settledIn200(again, "POST", "the re-create still asked to retry");
    // A driver answering from what it remembers of the deleted resource cannot delete it again.
    // A 404 here means the driver does not know the resource its POST just answered for.
    if (secondDeletion && (secondDeletion.outcome !== "deleted" || secondDeletion.detail.includes("404"))) {
      throw new CheckFailure(
        `the re-created resource could not be deleted (${secondDeletion.detail}): the POST answered for a resource that does not exist`,
        [again.final],
      );
    }
    return `re-created after ${note}, and deleted again`;
  },
};
