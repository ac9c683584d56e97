import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { Session } from './test-server';

/** Uploads `bytes` whole in one chunk as `session` (expects it stored); returns its hash. */
export async function uploadPhoto(session: Session, bytes: Buffer): Promise<string> {
  const hash = createHash('sha256').update(bytes).digest('hex');
  const sent = await session.call('PATCH', `/api/photos/${hash}/upload`, {
    rawBody: bytes,
    headers: {
      'content-type': 'application/offset+octet-stream',
      'upload-offset': '0',
      'upload-length': String(bytes.length),
    },
  });
  expect(sent.status).toBe(200);
  return hash;
}
