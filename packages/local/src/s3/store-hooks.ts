import { rm } from "node:fs/promises";
import type { S3rverStore } from "s3rver";
import { currentRequest } from "./request-context";

const OBJECT_FILES = ["object", "object.md5", "metadata.json"];

/**
 * Where s3rver's controllers call its store, Gyre sees what its events leave out: the keys
 * a DeleteObjects request removes (s3rver emits nothing for them) and a copy's etag.
 */
export function observeStore(
  store: S3rverStore,
  onDeletedInBatch: (bucket: string, key: string) => void,
) {
  store.deleteObject = async (bucket, key) => {
    // s3rver also removes directories left empty, which races with concurrent deletes and
    // puts under the same prefix (`aws s3 rm --recursive` failed with 500s and lost events).
    // Empty directories are invisible to listings, so they stay.
    const files = OBJECT_FILES.map((file) => store.getResourcePath(bucket, key, file));
    await Promise.all(files.map((file) => rm(file, { force: true })));
    if (currentRequest.getStore()?.isMultiObjectDelete) onDeletedInBatch(bucket, key);
  };

  const copyObject = store.copyObject.bind(store);
  store.copyObject = async (...args) => {
    const metadata = await copyObject(...args);
    const request = currentRequest.getStore();
    if (request) request.copiedEtag = metadata.etag;
    return metadata;
  };
}
