import AWSAccount from "s3rver/lib/models/account.js";

let installed = false;

/**
 * s3rver knows one access key ("S3RVER"); Gyre's clients and users' AWS CLIs sign with
 * whatever keys they have. Every key is taken as s3rver's one account.
 */
export function acceptAnyAccessKey(): void {
  if (installed) return;
  installed = true;
  const { registry, DUMMY_ACCOUNT } = AWSAccount;
  const known = registry.get.bind(registry);
  registry.get = (accessKeyId) => known(accessKeyId) ?? DUMMY_ACCOUNT;
}
