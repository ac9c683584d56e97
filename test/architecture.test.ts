import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Import boundaries: src/shared is pure; src/client and src/server never import each other.
const ROOT = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  const pattern =
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(pattern)) found.push((m[1] ?? m[2] ?? m[3])!);
  return found;
}

function violations(layer: string, forbidden: RegExp, root = ROOT): string[] {
  return sourceFiles(join(root, 'src', layer)).flatMap((file) =>
    importsOf(file)
      .filter(
        (spec) =>
          forbidden.test(spec) ||
          (spec.startsWith('.') && forbidden.test(relative(root, join(file, '..', spec)))),
      )
      .map((spec) => `${relative(root, file)} imports ${spec}`),
  );
}

const SHARED_FORBIDDEN =
  /(^|\/)src\/(client|server)(\/|$)|^(react|react-dom|dexie|fastify|kysely|better-sqlite3|pg)(\/|$)/;

describe('architecture', () => {
  it('src/shared imports nothing from client, server, React, Dexie or the database layer', () => {
    expect(violations('shared', SHARED_FORBIDDEN)).toEqual([]);
  });

  it('src/client never imports src/server, and src/server never imports src/client', () => {
    expect(violations('client', /(^|\/)src\/server(\/|$)/)).toEqual([]);
    expect(violations('server', /(^|\/)src\/client(\/|$)|^(react|react-dom|dexie)(\/|$)/)).toEqual(
      [],
    );
  });

  it('the checker itself notices forbidden imports', () => {
    const root = mkdtempSync(join(tmpdir(), 'arch-'));
    mkdirSync(join(root, 'src/shared/deep'), { recursive: true });
    writeFileSync(
      join(root, 'src/shared/deep/bad.ts'),
      "import { db } from '../../client/db/app-db';\nimport Dexie from 'dexie';\n",
    );
    writeFileSync(
      join(root, 'src/shared/good.ts'),
      "import { z } from 'zod';\nimport { V } from './deep/bad';\n",
    );
    expect(violations('shared', SHARED_FORBIDDEN, root)).toEqual([
      'src/shared/deep/bad.ts imports ../../client/db/app-db',
      'src/shared/deep/bad.ts imports dexie',
    ]);
  });

  it('has no barrel files', () => {
    const barrels = sourceFiles(join(ROOT, 'src')).filter((f) => /\/index\.tsx?$/.test(f));
    expect(barrels.map((f) => relative(ROOT, f))).toEqual([]);
  });
});
