import * as z from "zod";

const S3Uri = z.string().regex(/^s3:\/\/[^/]+(\/.*)?$/, "an s3://bucket/key URI");

/** What the trainer accepts in GYRE_HYPERPARAMETERS; unknown keys are an error, not ignored. */
export const Hyperparameters = z
  .object({
    model: z.enum(["random-forest", "logistic-regression"]).default("random-forest"),
    label: z.string().min(1).default("churned"),
    testFraction: z.number().gt(0).lt(1).default(0.2),
    seed: z.number().int().default(7),
    trees: z.number().int().min(1).max(1000).default(50),
    maxDepth: z.number().int().min(1).max(30).default(8),
    minLeafSize: z.number().int().min(1).default(5),
    maxFeatures: z.union([z.literal("sqrt"), z.number().gt(0).max(1)]).default("sqrt"),
    maxBins: z.number().int().min(2).max(255).default(32),
    l2: z.number().positive().default(1),
    maxIterations: z.number().int().min(1).max(100).default(25),
    /** Test hooks: fail on purpose, run slowly, or overwrite metrics after training. */
    failWith: z.enum(["exit", "throw"]).optional(),
    sleepSeconds: z.number().min(0).optional(),
    forceMetric: z.record(z.string(), z.number()).optional(),
    /** Serving demo switches, recorded in the artifact; GYRE_FAIL_SERVING etc. override them (serve.ts). */
    failServing: z.number().min(0).max(1).optional(),
    slowPing: z.boolean().optional(),
    predictionShift: z.number().min(-1).max(1).optional(),
  })
  .strict();
export type Hyperparameters = z.infer<typeof Hyperparameters>;

/** Gyre's job contract: the same environment on AWS Batch and in the local runner. */
export const JobEnvironment = z.object({
  GYRE_RUN_ID: z.string().min(1),
  GYRE_DATASET_URI: S3Uri,
  GYRE_OUTPUT_URI: S3Uri,
  GYRE_HYPERPARAMETERS: z
    .string()
    .default("{}")
    .transform((text, ctx) => {
      try {
        return Hyperparameters.parse(JSON.parse(text));
      } catch (error) {
        const message =
          error instanceof z.ZodError ? z.prettifyError(error) : (error as Error).message;
        ctx.addIssue({ code: "custom", message: `not valid hyperparameters: ${message}` });
        return z.NEVER;
      }
    }),
});
export type JobEnvironment = z.infer<typeof JobEnvironment>;

export function readJobEnvironment(env: NodeJS.ProcessEnv): JobEnvironment {
  const parsed = JobEnvironment.safeParse(env);
  if (!parsed.success) throw new Error(`bad job environment:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
