import { viApp } from './vi-app';
import { viStart } from './vi-start';

// Vietnamese is the default language; spellings follow docs/glossary.md (modern accent
// placement: Hủy, Xóa). The English dictionary (en.ts) must have exactly the same keys.
// Two parts so the first load carries only what the login screen needs: vi-start.ts (first
// paint) and vi-app.ts (loaded with the signed-in app). Add a text to the part of the screen
// that shows it.
export const vi = { ...viStart, ...viApp };

export type Dictionary = typeof vi;
