import * as z from "zod";

export const MAX_COMMENT_CHARS = 4000;

export const CommentInput = z.strictObject({
  text: z
    .string()
    .trim()
    .max(MAX_COMMENT_CHARS)
    .describe(`1 to ${MAX_COMMENT_CHARS} characters once trimmed`),
});

export const Comment = z.object({
  id: z.string(),
  model: z.string(),
  version: z.number().int().positive(),
  author: z.string().describe("the name of the token that wrote it"),
  text: z.string(),
  createdAt: z.string(),
});
export type Comment = z.infer<typeof Comment>;
