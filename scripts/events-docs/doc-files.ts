import { compilePattern } from "@gyre/core/platform/pattern/index";
import { catalog, producers } from "@gyre/events/catalog";
import { type Consumer, renderJsonSchema, renderReadme, schemaPath } from "@gyre/events/docs";
import { subscriptions } from "@gyre/functions/services";

/** Every generated file under events/, by path relative to events/. */
export function eventDocFiles(): Map<string, string> {
  const consumers: Consumer[] = subscriptions.map((s) => {
    const pattern = compilePattern(envelopePart(s.pattern));
    return { service: s.service, receives: (event) => pattern.matches(event) };
  });
  const files = new Map<string, string>([["README.md", renderReadme(producers, consumers)]]);
  for (const event of catalog) files.set(schemaPath(event), renderJsonSchema(event));
  return files;
}

/** A consumer receives an event type if its rule's source and detail-type accept it; detail filters narrow which ones. */
function envelopePart(pattern: object): Record<string, unknown> {
  const { source, "detail-type": detailType } = pattern as Record<string, unknown>;
  return { ...(source ? { source } : {}), ...(detailType ? { "detail-type": detailType } : {}) };
}
