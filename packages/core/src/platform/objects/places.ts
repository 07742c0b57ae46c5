/**
 * Where things live in the data bucket when it is not Gyre's functions that write them: data
 * capture (SageMaker or the local host) and jobs' outputs (the job's own role). The ports that
 * hand these out (endpoints, jobs) build them from the bucket's name alone.
 */

/** The data bucket when none is named (`GYRE_BUCKET` unset). */
export const DEFAULT_BUCKET = "gyre-data";

/** The bucket a Lambda function's environment names. */
export const bucketOf = (env: NodeJS.ProcessEnv) => env.GYRE_BUCKET ?? DEFAULT_BUCKET;

/** Where endpoints' data capture lands. */
export const captureUri = (bucket: string) => `s3://${bucket}/capture`;

/** Where jobs write their outputs, a run's under `<id>/`. */
export const runsPrefix = (bucket: string) => `s3://${bucket}/runs/`;
