import { describe, expect, it } from 'vitest';
import {
  BackupDecryptError,
  encryptBackup,
  openBackup,
  readBackupHeader,
} from '../../src/client/features/backup/model/backup-crypto';

const ITERATIONS = 10_000; // the real count is for phones; the format is what is tested here
const owner = { userId: 'user-1', username: 'canbo.vtv' };

function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  for (let at = 0; at < n; at += 65_536) crypto.getRandomValues(bytes.subarray(at, at + 65_536));
  return bytes;
}

describe('encrypted backup file', () => {
  const document = { records: [{ id: 'a', attendees: ['Nguyễn Thị Lan', 'Thạch Sô Phal'] }] };
  const photos = [50_000, 1, 300_000].map((n) => randomBytes(n));
  const parts = ['p1', 'p2', 'p3'];

  function encrypt(passphrase: string, partIds = parts) {
    const read: string[] = [];
    const file = encryptBackup({
      owner,
      document,
      partIds,
      readPart: async (id) => {
        read.push(id);
        return photos[parts.indexOf(id)]!.slice().buffer;
      },
      passphrase,
      iterations: ITERATIONS,
    });
    return { file, read };
  }

  it('round-trips the document and each photo, read one at a time', async () => {
    const { file, read } = encrypt('mật khẩu dài');
    const opened = await openBackup(await file, 'mật khẩu dài');
    expect(read).toEqual(parts);
    expect(opened.document).toEqual(document);
    expect(opened.partIds).toEqual(parts);
    for (const [i] of parts.entries()) {
      expect(new Uint8Array(await opened.readPart(i))).toEqual(photos[i]);
    }
    expect(opened.header.kdf.iterations).toBe(ITERATIONS);
    expect(opened.header.owner).toEqual(owner);
  });

  it('does not contain the personal data in clear, but says whose it is', async () => {
    const file = await encrypt('mật khẩu dài').file;
    const text = new TextDecoder().decode(await file.arrayBuffer());
    expect(text).toContain('OUTREACH-LOG-BACKUP 2');
    expect(text).not.toContain('Thạch Sô Phal');
    expect((await readBackupHeader(file)).owner).toEqual(owner);
  });

  it('refuses a wrong passphrase, a tampered or cut file and a file that is not a backup', async () => {
    const file = await encrypt('đúng').file;
    const bytes = new Uint8Array(await file.arrayBuffer());
    await expect(openBackup(file, 'sai')).rejects.toEqual(
      new BackupDecryptError('wrongPassphrase'),
    );
    // A flipped bit in the last photo: the file opens, that photo does not.
    const tampered = bytes.slice();
    tampered[tampered.length - 5]! ^= 1;
    const opened = await openBackup(new Blob([tampered]), 'đúng');
    await expect(opened.readPart(2)).rejects.toEqual(new BackupDecryptError('damaged'));
    // The owner in the header is authenticated: changing it breaks the file.
    const renamed = bytes.slice();
    const at = new TextDecoder().decode(bytes.subarray(0, 400)).indexOf('user-1') + 5;
    renamed[at] = '2'.charCodeAt(0);
    expect((await readBackupHeader(new Blob([renamed]))).owner.userId).toBe('user-2');
    await expect(openBackup(new Blob([renamed]), 'đúng')).rejects.toEqual(
      new BackupDecryptError('wrongPassphrase'),
    );
    // A photo cut off the end (a half-received file).
    await expect(
      openBackup(new Blob([bytes.slice(0, bytes.length - 1000)]), 'đúng'),
    ).rejects.toEqual(new BackupDecryptError('damaged'));
    await expect(openBackup(new Blob(['hello']), 'đúng')).rejects.toEqual(
      new BackupDecryptError('notBackup'),
    );
  });
});
