import { Registry } from "@gyre/events";
import { eventMetadata } from "../platform/actor";
import { VisibleError } from "../platform/errors";
import { newId } from "../platform/ids";
import { announce } from "../platform/outbox/announcement";
import { relaySoon } from "../platform/outbox/relay";
import type { Page } from "../platform/state/pages";
import { tableName } from "../platform/state/tables";
import { type Comment, CommentInput } from "./comment";
import type { RegistryDeps, RegistryReads } from "./deps";
import { commentKey } from "./keys";
import { getVersion } from "./queries";
import { registryStore as store } from "./store";

/** Adds a comment by the acting identity to a version's thread, its event in the comment's outbox. */
export async function addComment(
  model: string,
  version: number,
  input: unknown,
  deps: RegistryDeps,
): Promise<Comment> {
  const { text } = CommentInput.parse(input);
  if (!text) {
    throw new VisibleError("input", "comment.empty", "Write something: the comment is empty.");
  }
  await getVersion(model, version, deps);
  const metadata = eventMetadata();
  const comment: Comment = {
    id: newId("cmt"),
    model,
    version,
    author: metadata.actor,
    text,
    createdAt: new Date().toISOString(),
  };
  const commented = announce(Registry.ModelVersionCommented, comment.id, {
    model,
    version,
    commentId: comment.id,
    author: comment.author,
    text,
    metadata,
  });
  await store(deps.state).appendComment(comment, { announcements: [commented] });
  await relaySoon(deps, tableName("registry"), commentKey(comment));
  return comment;
}

/** A version's comment thread, oldest first. */
export async function listComments(
  model: string,
  version: number,
  query: { limit: number; cursor?: string },
  deps: RegistryReads,
): Promise<Page<Comment>> {
  await getVersion(model, version, deps);
  return store(deps.state).listComments({ model, version, ...query });
}
