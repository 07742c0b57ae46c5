/**
 * An object key as S3 writes it into its events: form-URL-encoded (a space becomes `+`,
 * "=" becomes "%3D") with `/` left as it is.
 */
export function encodeEventKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/%2F/g, "/")
    .replace(/%20/g, "+")
    .replace(/[!'()~]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}
