// The cheapest trainer that follows Gyre's job contract (metrics.json and model/ under
// GYRE_OUTPUT_URI), for tests that run the loop many times: plain HTTP PUTs to the local S3,
// which takes unsigned requests, instead of loading the AWS SDK in every job.
const [, bucket, prefix] = /^s3:\/\/([^/]+)\/(.*)$/.exec(process.env.GYRE_OUTPUT_URI);
const put = async (key, body) => {
  const url = `${process.env.AWS_ENDPOINT_URL_S3}/${bucket}/${prefix}${key}`;
  const res = await fetch(url, { method: "PUT", body });
  if (!res.ok) throw new Error(`PUT ${key}: ${res.status} ${await res.text()}`);
};
await put("model/model.json", JSON.stringify({ weights: [1, 2, 3] }));
await put("metrics.json", JSON.stringify({ auc: 0.87, accuracy: 0.81 }));
