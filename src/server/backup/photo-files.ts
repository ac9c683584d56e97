import { constants, copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Photo files travel with the database in a backup. Only `stored/` is copied: a photo appears
// there by an atomic rename once complete and is never rewritten (its name is its SHA-256), so
// copying while uploads go on is safe, and `partial/` uploads are resent by the phones anyway.

export interface PhotoCopySummary {
  /** Files copied now. */
  copied: number;
  /** Files already at the destination (same name, so the same content): left as they are. */
  present: number;
}

/** Copies `<fromPhotoDir>/stored` into `<toPhotoDir>/stored`, never overwriting a file. */
export function copyStoredPhotos(fromPhotoDir: string, toPhotoDir: string): PhotoCopySummary {
  const summary: PhotoCopySummary = { copied: 0, present: 0 };
  const from = join(fromPhotoDir, 'stored');
  if (!existsSync(from)) return summary;
  copyTree(from, join(toPhotoDir, 'stored'), summary);
  return summary;
}

function copyTree(from: string, to: string, summary: PhotoCopySummary): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) copyTree(source, target, summary);
    else if (!entry.isFile()) continue;
    else if (existsSync(target) && statSync(target).size === statSync(source).size) {
      summary.present += 1;
    } else {
      // A same-named file of another size is a damaged copy: replaced by the sound one.
      copyFileSync(source, target, existsSync(target) ? 0 : constants.COPYFILE_EXCL);
      summary.copied += 1;
    }
  }
}
