import { useState } from "preact/hooks";

export interface Page<T> {
  items: T[];
  next?: string | null;
}

/** A list the API pages: the first page, and the next ones on request, never the whole list at once. */
export function usePaged<T>(
  first: Page<T> | undefined,
  more: (cursor: string) => Promise<Page<T>>,
) {
  const [extra, setExtra] = useState<{ from?: Page<T>; items: T[]; next?: string | null }>({
    items: [],
  });
  const [busy, setBusy] = useState(false);
  const fresh = extra.from === first ? extra : { from: first, items: [], next: undefined };
  const next = fresh.next === undefined ? first?.next : fresh.next;
  const items = [...(first?.items ?? []), ...fresh.items];
  const loadMore = async () => {
    if (!next) return;
    setBusy(true);
    try {
      const page = await more(next);
      setExtra({ from: first, items: [...fresh.items, ...page.items], next: page.next ?? null });
    } finally {
      setBusy(false);
    }
  };
  return { items, hasMore: Boolean(next), busy, loadMore };
}

export const MoreButton = (props: { paged: ReturnType<typeof usePaged>; label: string }) =>
  props.paged.hasMore ? (
    <button type="button" class="more" disabled={props.paged.busy} onClick={props.paged.loadMore}>
      {props.paged.busy ? "Loading…" : `Show more ${props.label}`}
    </button>
  ) : null;
