import * as z from "zod";
import { defineEvent } from "./define";

export const source = "aws.s3";

const Bucket = z.looseObject({ name: z.string() });
const Common = {
  version: z.literal("0"),
  bucket: Bucket,
  "request-id": z.string(),
  requester: z.string(),
  "source-ip-address": z.string().optional(),
};

export const ObjectCreated = defineEvent(
  source,
  "Object Created",
  z.looseObject({
    ...Common,
    object: z.looseObject({
      key: z.string(),
      size: z.number().int().nonnegative(),
      etag: z.string(),
      "version-id": z.string().optional(),
      sequencer: z.string(),
    }),
    reason: z.enum(["PutObject", "POST Object", "CopyObject", "CompleteMultipartUpload"]),
  }),
);

export const ObjectDeleted = defineEvent(
  source,
  "Object Deleted",
  z.looseObject({
    ...Common,
    object: z.looseObject({
      key: z.string(),
      "version-id": z.string().optional(),
      sequencer: z.string(),
    }),
    reason: z.enum(["DeleteObject", "Lifecycle Expiration"]),
    "deletion-type": z.enum(["Permanently Deleted", "Delete Marker Created"]),
  }),
);
