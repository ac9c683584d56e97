// The backup file ("Sao lưu"): everything of one officer that is on the phone, encrypted with a
// key derived from a passphrase they choose (attendee lists are personal data of poor
// households, Nghị định 13/2023/NĐ-CP, and a file sent by chat gets lost or forwarded).
//
// File layout: the line "OUTREACH-LOG-BACKUP 1\n", a JSON header line (KDF and cipher
// parameters, non-secret), then the AES-256-GCM ciphertext of the payload. The header is the
// additional authenticated data: changing any byte of the file makes decryption fail.
// Payload: u32 (big-endian) length of a JSON document, the JSON, then the photo bytes
// concatenated (the JSON gives each one's offset and length).

export const BACKUP_MAGIC = 'OUTREACH-LOG-BACKUP 1\n';
export const BACKUP_MIME = 'application/octet-stream';
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about a second on a cheap phone. */
export const PBKDF2_ITERATIONS = 600_000;

export interface BackupHeader {
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
  createdAt: string;
}

export interface BinaryPart {
  /** Key in the JSON document that the bytes belong to. */
  id: string;
  bytes: ArrayBuffer;
}

export class BackupDecryptError extends Error {
  constructor(readonly reason: 'notBackup' | 'wrongPassphrase') {
    super(reason);
    this.name = 'BackupDecryptError';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number) {
  const material = await crypto.subtle.importKey(
    'raw',
    encoder.encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** Encrypts `document` (JSON-serialisable) and `parts` (raw bytes) into one backup file. */
export async function encryptBackup(
  document: unknown,
  parts: readonly BinaryPart[],
  passphrase: string,
  now = new Date(),
  iterations = PBKDF2_ITERATIONS,
): Promise<Blob> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  let offset = 0;
  const index = parts.map((p) => {
    const entry = { id: p.id, offset, length: p.bytes.byteLength };
    offset += p.bytes.byteLength;
    return entry;
  });
  const json = encoder.encode(JSON.stringify({ document, parts: index }));
  const plain = new Uint8Array(4 + json.length + offset);
  new DataView(plain.buffer).setUint32(0, json.length);
  plain.set(json, 4);
  let at = 4 + json.length;
  for (const part of parts) {
    plain.set(new Uint8Array(part.bytes), at);
    at += part.bytes.byteLength;
  }
  const header: BackupHeader = {
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
    createdAt: now.toISOString(),
  };
  const head = encoder.encode(BACKUP_MAGIC + JSON.stringify(header) + '\n');
  const key = await deriveKey(passphrase, salt, iterations);
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: iv as BufferSource, additionalData: head as BufferSource },
    key,
    plain as BufferSource,
  );
  return new Blob([head as BlobPart, sealed], { type: BACKUP_MIME });
}

/** Decrypts a backup file; a wrong passphrase or a damaged file throws BackupDecryptError. */
export async function decryptBackup(
  file: ArrayBuffer,
  passphrase: string,
): Promise<{ header: BackupHeader; document: unknown; parts: Map<string, ArrayBuffer> }> {
  const bytes = new Uint8Array(file);
  const magic = encoder.encode(BACKUP_MAGIC);
  if (bytes.length < magic.length || magic.some((b, i) => bytes[i] !== b)) {
    throw new BackupDecryptError('notBackup');
  }
  const headerEnd = bytes.indexOf(0x0a, magic.length);
  if (headerEnd < 0) throw new BackupDecryptError('notBackup');
  let header: BackupHeader;
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(magic.length, headerEnd))) as BackupHeader;
  } catch {
    throw new BackupDecryptError('notBackup');
  }
  if (header?.kdf?.name !== 'PBKDF2' || header?.cipher?.name !== 'AES-GCM') {
    throw new BackupDecryptError('notBackup');
  }
  const key = await deriveKey(passphrase, fromBase64(header.kdf.salt), header.kdf.iterations);
  let plain: Uint8Array;
  try {
    plain = new Uint8Array(
      await crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: fromBase64(header.cipher.iv) as BufferSource,
          additionalData: bytes.subarray(0, headerEnd + 1) as BufferSource,
        },
        key,
        bytes.subarray(headerEnd + 1) as BufferSource,
      ),
    );
  } catch {
    throw new BackupDecryptError('wrongPassphrase');
  }
  const jsonLength = new DataView(plain.buffer, plain.byteOffset).getUint32(0);
  const { document, parts: index } = JSON.parse(
    decoder.decode(plain.subarray(4, 4 + jsonLength)),
  ) as {
    document: unknown;
    parts: { id: string; offset: number; length: number }[];
  };
  const base = 4 + jsonLength;
  const parts = new Map<string, ArrayBuffer>();
  for (const p of index) {
    parts.set(p.id, plain.slice(base + p.offset, base + p.offset + p.length).buffer);
  }
  return { header, document, parts };
}
