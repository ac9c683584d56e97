import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// docs/glossary.md: one spelling each, everywhere, with the modern accent placement — "Hủy",
// "Xóa", "Thủy", "Hòa" (not "Huỷ", "Xoá", "Thuỷ", "Hoà"). The two styles differ only in an open
// syllable ending in "oa", "oe" or "uy" (after "q" the "u" is part of the consonant: "quý" is
// right in both). Every text the app, the server's messages and the CLIs show is in src/.
// Unit names come from the official lists (geography data files) and keep their spelling.
const SRC = join(__dirname, '../../src');
const OLD_STYLE = /[\p{L}]*(?:o[àáảãạ]|o[èéẻẽẹ]|(?<!q)u[ỳýỷỹỵ])(?![\p{L}])/giu;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('glossary spelling', () => {
  it('no text in src/ uses the old accent placement', () => {
    const found: string[] = [];
    for (const file of sourceFiles(SRC)) {
      for (const match of readFileSync(file, 'utf8').matchAll(OLD_STYLE)) {
        found.push(`${relative(SRC, file)}: ${match[0]}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('the rule finds the old placement and leaves the modern one', () => {
    const words = (text: string) => [...text.matchAll(OLD_STYLE)].map((m) => m[0]);
    expect(words('Huỷ Xoá Thuỷ Hoà khoẻ')).toEqual(['Huỷ', 'Xoá', 'Thuỷ', 'Hoà', 'khoẻ']);
    expect(words('Hủy Xóa Thủy Hòa khỏe hoàn toán quý Khoản thuyết')).toEqual([]);
  });
});
