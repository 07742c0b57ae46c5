import { z } from "@hono/zod-openapi";

export const ListQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .openapi({ description: "1-100, default 20" }),
  cursor: z.string().optional().openapi({ description: "the `next` of the previous page" }),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next: z.string().nullable() });
}

/** A required JSON request body. */
export const jsonBody = <T>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});

export const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
