import { VisibleError } from "../../platform/errors";

/** The object cannot become a dataset version; `reason` says where and why, e.g. "line 7: expected 5 fields, got 4". */
export class DataRejected extends VisibleError {
  constructor(readonly reason: string) {
    super("input", "dataset.rejected", reason);
    this.name = "DataRejected";
  }
}
