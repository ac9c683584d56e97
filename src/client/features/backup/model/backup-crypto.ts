// The backup file ("Sao lưu"): everything of one officer that is on the phone, encrypted with a
// key derived from a passphrase they choose (attendee lists are personal data of poor
// households, Nghị định 13/2023/NĐ-CP, and a file sent by chat gets lost or forwarded).
//
// File layout: the line "OUTREACH-LOG-BACKUP 2\n", a JSON header line (owner, KDF and cipher
// parameters: non-secret), then segments, each a u32 (big-endian) ciphertext length and an
// AES-256-GCM ciphertext. Segment 0 is the JSON document and the list of parts; segment i + 1 is
// part i (one photo). Segments are sealed one by one so a phone never holds every photo twice:
// the writer reads, seals and drops one photo at a time; the reader decrypts one at a time.
// The IV is the header's 8-byte prefix and the segment's index, and the header is the
// additional authenticated data: a changed, swapped, dropped or added byte fails decryption.

export const BACKUP_MAGIC = 'OUTREACH-LOG-BACKUP 2\n';
export const BACKUP_MIME = 'application/octet-stream';
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about a second on a cheap phone. */
export const PBKDF2_ITERATIONS = 600_000;
/** Below this the header is not ours (a test could pass fewer; a file may not go lower). */
const MIN_ITERATIONS = 10_000;

export interface BackupOwner {
  userId: string;
  username: string;
}

export interface BackupHeader {
  owner: BackupOwner;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; ivPrefix: string };
  createdAt: string;
}

export class BackupDecryptError extends Error {
  constructor(readonly reason: 'notBackup' | 'wrongPassphrase' | 'damaged') {
    super(reason);
    this.name = 'BackupDecryptError';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Blob.arrayBuffer() where it exists (browsers, Node); FileReader for older engines. */
export function blobBytes(blob: Blob): Promise<ArrayBuffer> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    // Copied: the reader's buffer may belong to another realm than crypto.subtle's (jsdom).
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer).slice().buffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}

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

function segmentIv(prefix: Uint8Array, index: number): Uint8Array {
  const iv = new Uint8Array(12);
  iv.set(prefix, 0);
  new DataView(iv.buffer).setUint32(8, index);
  return iv;
}

function lengthPrefix(length: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, length);
  return bytes;
}

export interface BackupInput {
  owner: BackupOwner;
  /** JSON-serialisable. */
  document: unknown;
  /** Ids of the binary parts, in order; `readPart` is called once for each, one at a time. */
  partIds: readonly string[];
  readPart: (id: string) => Promise<ArrayBuffer>;
  passphrase: string;
  now?: Date;
  iterations?: number;
}

/** Encrypts the document and the parts into one backup file. */
export async function encryptBackup(input: BackupInput): Promise<Blob> {
  const iterations = input.iterations ?? PBKDF2_ITERATIONS;
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const ivPrefix = crypto.getRandomValues(new Uint8Array(8));
  const header: BackupHeader = {
    owner: { userId: input.owner.userId, username: input.owner.username },
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', ivPrefix: toBase64(ivPrefix) },
    createdAt: (input.now ?? new Date()).toISOString(),
  };
  const head = encoder.encode(BACKUP_MAGIC + JSON.stringify(header) + '\n');
  const key = await deriveKey(input.passphrase, salt, iterations);
  const seal = async (index: number, plain: Uint8Array | ArrayBuffer) =>
    crypto.subtle.encrypt(
      {
        name: 'AES-GCM',
        iv: segmentIv(ivPrefix, index) as BufferSource,
        additionalData: head as BufferSource,
      },
      key,
      // A view, not the buffer: Web Crypto refuses buffers of another realm (jsdom) in Node.
      (plain instanceof Uint8Array ? plain : new Uint8Array(plain)) as BufferSource,
    );

  const pieces: BlobPart[] = [head as BlobPart];
  const push = (sealed: ArrayBuffer) =>
    pieces.push(lengthPrefix(sealed.byteLength) as BlobPart, sealed);
  push(
    await seal(
      0,
      encoder.encode(JSON.stringify({ document: input.document, parts: input.partIds })),
    ),
  );
  for (const [i, id] of input.partIds.entries()) {
    push(await seal(i + 1, await input.readPart(id)));
  }
  return new Blob(pieces, { type: BACKUP_MIME });
}

async function readHeaderOf(
  file: Blob,
): Promise<{ header: BackupHeader; head: Uint8Array; end: number }> {
  // The header is a few hundred bytes; 4 kB covers it with room for a long username.
  const start = new Uint8Array(await blobBytes(file.slice(0, 4096)));
  const magic = encoder.encode(BACKUP_MAGIC);
  if (start.length < magic.length || magic.some((b, i) => start[i] !== b)) {
    throw new BackupDecryptError('notBackup');
  }
  const end = start.indexOf(0x0a, magic.length);
  if (end < 0) throw new BackupDecryptError('notBackup');
  let header: BackupHeader;
  try {
    header = JSON.parse(decoder.decode(start.subarray(magic.length, end))) as BackupHeader;
  } catch {
    throw new BackupDecryptError('notBackup');
  }
  if (
    header?.kdf?.name !== 'PBKDF2' ||
    header.kdf.hash !== 'SHA-256' ||
    !(header.kdf.iterations >= MIN_ITERATIONS) ||
    header.cipher?.name !== 'AES-GCM' ||
    typeof header.owner?.userId !== 'string'
  ) {
    throw new BackupDecryptError('notBackup');
  }
  return { header, head: start.slice(0, end + 1), end: end + 1 };
}

/** The file's owner and date, readable without the passphrase (to refuse another user's file). */
export async function readBackupHeader(file: Blob): Promise<BackupHeader> {
  return (await readHeaderOf(file)).header;
}

export interface OpenedBackup {
  header: BackupHeader;
  document: unknown;
  partIds: string[];
  /** Decrypts part `index` (of partIds); reads only that segment of the file. */
  readPart(index: number): Promise<ArrayBuffer>;
}

/**
 * Opens a backup file: checks the passphrase on the document segment and that the segments are
 * exactly those the document lists. A wrong passphrase or a damaged file throws
 * BackupDecryptError before anything is returned.
 */
export async function openBackup(file: Blob, passphrase: string): Promise<OpenedBackup> {
  const { header, head, end } = await readHeaderOf(file);
  const ivPrefix = fromBase64(header.cipher.ivPrefix);
  const key = await deriveKey(passphrase, fromBase64(header.kdf.salt), header.kdf.iterations);

  // Where each segment lies: only the 4-byte length prefixes are read here.
  const segments: { start: number; length: number }[] = [];
  for (let at = end; at < file.size;) {
    if (at + 4 > file.size) throw new BackupDecryptError('damaged');
    const length = new DataView(await blobBytes(file.slice(at, at + 4))).getUint32(0);
    if (at + 4 + length > file.size) throw new BackupDecryptError('damaged');
    segments.push({ start: at + 4, length });
    at += 4 + length;
  }
  if (segments.length === 0) throw new BackupDecryptError('damaged');

  const open = async (index: number) => {
    const { start, length } = segments[index]!;
    return crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: segmentIv(ivPrefix, index) as BufferSource,
        additionalData: head as BufferSource,
      },
      key,
      new Uint8Array(await blobBytes(file.slice(start, start + length))) as BufferSource,
    );
  };
  let first: ArrayBuffer;
  try {
    first = await open(0);
  } catch {
    // The first segment is where a wrong passphrase shows; a changed byte shows the same way.
    throw new BackupDecryptError('wrongPassphrase');
  }
  const { document, parts } = JSON.parse(decoder.decode(first)) as {
    document: unknown;
    parts: string[];
  };
  if (!Array.isArray(parts) || parts.length !== segments.length - 1) {
    throw new BackupDecryptError('damaged');
  }
  return {
    header,
    document,
    partIds: parts,
    async readPart(index) {
      try {
        return await open(index + 1);
      } catch {
        throw new BackupDecryptError('damaged');
      }
    },
  };
}
