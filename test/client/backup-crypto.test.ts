import { describe, expect, it } from 'vitest';
import {
  BackupDecryptError,
  decryptBackup,
  encryptBackup,
} from '../../src/client/features/backup/model/backup-crypto';

const ITERATIONS = 10_000; // the real count is for phones; the format is what is tested here

describe('encrypted backup file', () => {
  const document = { records: [{ id: 'a', attendees: ['Nguyễn Thị Lan', 'Thạch Sô Phal'] }] };
  const photo = crypto.getRandomValues(new Uint8Array(50_000));

  it('round-trips the document and photo bytes with the right passphrase', async () => {
    const file = await encryptBackup(
      document,
      [{ id: 'p1', bytes: photo.buffer }],
      'mật khẩu dài',
      new Date(),
      ITERATIONS,
    );
    const restored = await decryptBackup(await file.arrayBuffer(), 'mật khẩu dài');
    expect(restored.document).toEqual(document);
    expect(new Uint8Array(restored.parts.get('p1')!)).toEqual(photo);
    expect(restored.header.kdf.iterations).toBe(ITERATIONS);
  });

  it('does not contain the personal data in clear', async () => {
    const file = await encryptBackup(document, [], 'mật khẩu dài', new Date(), ITERATIONS);
    const text = new TextDecoder().decode(await file.arrayBuffer());
    expect(text).toContain('OUTREACH-LOG-BACKUP 1');
    expect(text).not.toContain('Thạch Sô Phal');
  });

  it('refuses a wrong passphrase, a tampered file and a file that is not a backup', async () => {
    const file = await encryptBackup(document, [], 'đúng', new Date(), ITERATIONS);
    const bytes = new Uint8Array(await file.arrayBuffer());
    await expect(decryptBackup(bytes.buffer, 'sai')).rejects.toEqual(
      new BackupDecryptError('wrongPassphrase'),
    );
    const tampered = bytes.slice();
    tampered[tampered.length - 5]! ^= 1;
    await expect(decryptBackup(tampered.buffer, 'đúng')).rejects.toBeInstanceOf(BackupDecryptError);
    await expect(
      decryptBackup(new TextEncoder().encode('hello').buffer as ArrayBuffer, 'đúng'),
    ).rejects.toEqual(new BackupDecryptError('notBackup'));
  });
});
