/** A trust policy for one AWS service; `thisAccountOnly` where the service sets aws:SourceAccount. */
export function assumedBy(service: string, { thisAccountOnly = false } = {}) {
  const account = thisAccountOnly ? aws.getCallerIdentityOutput().accountId : undefined;
  return $util.jsonStringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: service },
        Action: "sts:AssumeRole",
        ...(account ? { Condition: { StringEquals: { "aws:SourceAccount": account } } } : {}),
      },
    ],
  });
}

/** An ARN in this account and region. */
export function arn(service: string, resource: string): $util.Output<string> {
  const partition = aws.getPartitionOutput().partition;
  const region = aws.getRegionOutput().region;
  const account = aws.getCallerIdentityOutput().accountId;
  return $util.interpolate`arn:${partition}:${service}:${region}:${account}:${resource}`;
}
