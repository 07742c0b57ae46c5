import type { ComponentChildren } from "preact";
import type { ApiError } from "../api/client";
import type { Query } from "../api/use-api";

export const Loading = ({ what }: { what: string }) => (
  <p class="state loading" role="status">
    <span class="spinner" aria-hidden="true" /> Loading {what}…
  </p>
);

export const Empty = ({ children }: { children: ComponentChildren }) => (
  <div class="state empty">{children}</div>
);

export function Failure({ error, service }: { error: ApiError; service?: string }) {
  if (error.absent) {
    return (
      <div class="state absent" role="status">
        <strong>
          {service ? `The ${service} service is not running here.` : "Not available here."}
        </strong>{" "}
        This Gyre does not serve <code>{service ?? "this"}</code>'s routes; its page fills in once
        it does.
      </div>
    );
  }
  return (
    <div class="state error" role="alert">
      <strong>Could not load this ({error.status || "no answer"}).</strong>{" "}
      <code>{error.code}</code>: {error.message}
    </div>
  );
}

/** Loading, error (or service absent), empty and ready: every view shows one of them, never a blank. */
export function View<T>(props: {
  query: Query<T>;
  what: string;
  service?: string;
  isEmpty?: (data: T) => boolean;
  empty?: ComponentChildren;
  children: (data: T) => ComponentChildren;
}) {
  const { query, what, service } = props;
  if (query.data === undefined && query.error)
    return <Failure error={query.error} service={service} />;
  if (query.data === undefined) return <Loading what={what} />;
  if (props.isEmpty?.(query.data)) return <Empty>{props.empty ?? `No ${what} yet.`}</Empty>;
  return <>{props.children(query.data)}</>;
}
