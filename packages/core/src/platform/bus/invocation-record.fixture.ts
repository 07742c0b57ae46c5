/** A Lambda on-failure destination record, as the Lambda Developer Guide shows it. */
export const invocationRecord = (at: string, runId: string) =>
  JSON.stringify({
    version: "1.0",
    timestamp: at,
    requestContext: {
      requestId: "e4b46cbf-b738-xmpl-8880-a18cdf61200e",
      functionArn: "arn:aws:lambda:eu-west-1:123456789012:function:TrainingRunDue:$LATEST",
      condition: "RetriesExhausted",
      approximateInvokeCount: 3,
    },
    requestPayload: { runId },
    responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
    responsePayload: { errorType: "Error", errorMessage: "SubmitJob: throttled", trace: [] },
  });
