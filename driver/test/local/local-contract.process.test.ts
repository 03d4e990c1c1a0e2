import { provisionerContractSuite } from "../support/provisioner-contract-suite.js";
import { localContractSubject } from "./local-contract-subject.js";

provisionerContractSuite(localContractSubject("process"));
