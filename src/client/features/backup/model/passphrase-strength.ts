// A rough strength hint for the backup password, in the spirit of zxcvbn's advice (length
// beats symbols): the file may travel by chat, so a guessable password exposes attendee lists.

export const MIN_PASSPHRASE_LENGTH = 10;

export type PassphraseStrength = 'tooShort' | 'weak' | 'fair' | 'strong';

export function passphraseStrength(passphrase: string): PassphraseStrength {
  const text = passphrase.normalize('NFC');
  const length = [...text].length;
  if (length < MIN_PASSPHRASE_LENGTH) return 'tooShort';
  const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{N}/u, /[^\p{L}\p{N}\s]/u].filter((re) =>
    re.test(text),
  ).length;
  const words = text.split(/\s+/).filter((w) => w.length >= 2).length;
  const distinct = new Set(text.toLowerCase()).size;
  if (distinct < 5) return 'weak';
  if (length >= 20 || (words >= 4 && length >= 16) || (length >= 14 && classes >= 3))
    return 'strong';
  if (length >= 12 && (classes >= 2 || words >= 3)) return 'fair';
  return 'weak';
}
