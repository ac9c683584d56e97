/** Lowercase hex SHA-256 of the bytes (Web Crypto; also in workers): a photo's id. */
export async function sha256Hex(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  // A view, not the buffer: Web Crypto implementations differ on buffers from another realm.
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const digest = await crypto.subtle.digest('SHA-256', view as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
