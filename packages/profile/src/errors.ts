/** The object cannot become a dataset version; `reason` says where and why, e.g. "line 7: expected 5 fields, got 4". */
export class DataRejected extends Error {
  readonly kind = "input";
  readonly code = "dataset.rejected";
  /** The sha256 and size of the whole object, when the scan that rejected it read it to the end. */
  content?: { sha256: string; bytes: number };

  constructor(readonly reason: string) {
    super(reason);
    this.name = "DataRejected";
  }
}
