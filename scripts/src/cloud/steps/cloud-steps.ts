import type { CloudContext } from "../cloud-context.js";
import type { Step } from "../run-steps.js";
import { cacheStep } from "./cache-step.js";
import { e2eStep } from "./e2e-step.js";
import { imagesStep } from "./images-step.js";
import { registrationStep } from "./registration-step.js";
import { sampleAppStep } from "./sample-app-step.js";
import { stackStep } from "./stack-step.js";
import { workloadsStep } from "./workloads-step.js";

/** `up --cloud`, in order. */
export const CLOUD_STEPS: readonly Step<CloudContext>[] = [
  stackStep,
  imagesStep,
  workloadsStep,
  registrationStep,
  cacheStep,
  sampleAppStep,
  e2eStep,
];
