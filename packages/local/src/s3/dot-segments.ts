import type { S3rverContext } from "s3rver";
import S3Error from "s3rver/lib/models/error.js";

const DOT_SEGMENT = /(^|\/)\.\.?(\/|$)/;

const decoded = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/**
 * s3rver keeps an object at `<directory>/<bucket>/<key>` joined as a file path, so a key with a
 * `.` or `..` segment (`datasets/../../../x`) would be read or written outside the local S3's
 * directory. Such keys, and copy sources, are refused before s3rver sees them. (S3 itself takes
 * them literally; clients often normalize them away, so no data pipeline relies on them.)
 */
export function refuseDotSegments(context: S3rverContext): void {
  const path = decoded(context.path);
  const source = context.headers["x-amz-copy-source"];
  const copied = typeof source === "string" ? decoded(source.split("?")[0] ?? "") : "";
  if (DOT_SEGMENT.test(path) || DOT_SEGMENT.test(copied)) {
    throw new S3Error(
      "InvalidArgument",
      "Gyre's local S3 refuses keys with a '.' or '..' segment: they would reach outside its directory.",
    );
  }
}
