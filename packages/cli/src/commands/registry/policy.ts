import type { Command } from "commander";
import { type ApiClient, ok, type Schemas, typed } from "../../client";
import { readJsonOption } from "../../json-input";

/** `gyre models policy get|set <model>`: the gates, approvals and auto-approval new versions meet. */
export function registerModelPolicy(models: Command, client: () => ApiClient): void {
  const policy = models
    .command("policy")
    .description("The policy a model's new versions are judged by.");
  policy
    .command("get <model>")
    .description("Print the policy in force (the default until one is set) as JSON.")
    .action(async (model: string) => {
      const found = await ok(
        typed(client()).GET("/models/{name}/policy", { params: { path: { name: model } } }),
      );
      console.log(JSON.stringify(found, null, 2));
    });
  policy
    .command("set <model>")
    .description("Replace the policy (needs an approver token); prints the policy now in force.")
    .requiredOption("-f, --file <path>", 'the policy JSON, e.g. {"gates":[...],"autoApprove":true}')
    .addHelpText(
      "after",
      '\nExample policy.json:\n  {"gates":[{"metric":"auc","op":">=","threshold":0.8}],"requiredApprovals":1,"autoApprove":true}',
    )
    .action(async (model: string, options: { file: string }) => {
      // The API validates the policy and says what is wrong with it.
      const body = readJsonOption("file", `@${options.file}`) as Schemas["ModelPolicy"];
      const saved = await ok(
        typed(client()).PUT("/models/{name}/policy", { params: { path: { name: model } }, body }),
      );
      console.log(JSON.stringify(saved, null, 2));
    });
}
