/** The credentials SigV4 signs with, as the SDK's providers resolve them. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export function defaultProvider(init?: Record<string, unknown>): () => Promise<Credentials>;
