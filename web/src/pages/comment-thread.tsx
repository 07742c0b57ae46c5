import { useState } from "preact/hooks";
import type { ApiError } from "../api/client";
import { addComment, type Comment } from "../api/review";
import type { Query } from "../api/use-api";
import { when } from "../ui/format";
import { View } from "../ui/states";
import { useMay } from "../ui/who";

export function CommentThread(props: { model: string; version: number; query: Query<Comment[]> }) {
  const mayComment = useMay("pipeline");
  const [text, setText] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const post = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      await addComment(props.model, props.version, text);
      setText("");
      props.query.reload();
    } catch (failure) {
      setError(failure as ApiError);
    }
  };
  return (
    <section aria-labelledby="comments-title">
      <h3 id="comments-title">Discussion</h3>
      <View query={props.query} what="comments" service="registry">
        {(items) => (
          <>
            {items.length ? (
              <ol class="thread">
                {items.map((c) => (
                  <li key={c.id}>
                    <strong>{c.author}</strong> <span class="sub">{when(c.createdAt)}</span>
                    <p>{c.text}</p>
                  </li>
                ))}
              </ol>
            ) : (
              <p>No comments yet.</p>
            )}
            {mayComment ? (
              <form onSubmit={post} class="comment-form">
                <label for="new-comment">Add a comment</label>
                <textarea
                  id="new-comment"
                  rows={2}
                  value={text}
                  onInput={(e) => setText(e.currentTarget.value)}
                />
                <button type="submit">Post comment</button>
                <p role="alert" class="field-error">
                  {error ? `${error.code}: ${error.message}` : null}
                </p>
              </form>
            ) : null}
          </>
        )}
      </View>
    </section>
  );
}
