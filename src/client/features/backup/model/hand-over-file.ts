import { VN_OFFSET_MS } from '../../../../shared/format/vi-format';

// A backup file leaves the app the way a phone hands files on: the share sheet (Zalo, Drive,
// mail…) where the browser can share files, else a download into the phone's Downloads.

export type HandOver = 'shared' | 'downloaded' | 'cancelled';

export async function handOverFile(blob: Blob, name: string, title: string): Promise<HandOver> {
  const file = new File([blob], name, { type: blob.type || 'application/octet-stream' });
  const nav = navigator as Navigator & { canShare?: (data: ShareData) => boolean };
  if (typeof nav.share === 'function' && nav.canShare?.({ files: [file] })) {
    try {
      await nav.share({ files: [file], title });
      return 'shared';
    } catch (error) {
      // The officer closed the share sheet: nothing left the phone.
      if ((error as { name?: string }).name === 'AbortError') return 'cancelled';
      // Shares can fail for other reasons (no target app): the download still works.
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Revoked later: the download reads the blob after click() returns.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return 'downloaded';
}

/** 'sao-luu-canbo.vtv-30-11-2026-1045.olbackup' (Vietnam time, safe on every file system). */
export function backupFileName(username: string, at: Date): string {
  const vn = new Date(at.getTime() + VN_OFFSET_MS).toISOString();
  const stamp = `${vn.slice(8, 10)}-${vn.slice(5, 7)}-${vn.slice(0, 4)}-${vn.slice(11, 13)}${vn.slice(14, 16)}`;
  const who = username.replace(/[^a-zA-Z0-9._-]/g, '_');
  return `sao-luu-${who}-${stamp}.olbackup`;
}
