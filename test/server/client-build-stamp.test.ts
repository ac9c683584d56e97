import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BUILD_STAMP_FILE,
  clientSourceStamp,
  readBuildStamp,
} from '../../scripts/client-build-stamp';
import { clientBuildState } from '../../src/server/client-build';
import { PROJECT_ROOT } from '../../src/server/config';

const temps: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function fakeBuild(stamp: string | null, marker: string): string {
  const dir = tempDir('stamp-dist-');
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>${marker}</title>`);
  if (stamp !== null) writeFileSync(join(dir, BUILD_STAMP_FILE), JSON.stringify({ stamp }));
  return dir;
}

/** `npm start` (src/server/start.ts) until it listens; returns what / serves, then stops it. */
async function startAndFetchIndex(clientDir: string): Promise<{ html: string; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/start.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DATABASE_URL: '',
      DATA_DIR: tempDir('stamp-data-'),
      CLIENT_DIR: clientDir,
      PORT: '0',
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const base = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match) resolve(match[1]!);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) =>
        reject(new Error(`exited ${code} before listening:\n${output}`)),
      );
    });
    const html = await (await fetch(base + '/')).text();
    return { html, output };
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

describe('client build stamp', () => {
  it('changes with any client, shared or lock-file byte, not with server code', () => {
    const root = tempDir('stamp-root-');
    mkdirSync(join(root, 'src/client'), { recursive: true });
    mkdirSync(join(root, 'src/server'), { recursive: true });
    writeFileSync(join(root, 'package-lock.json'), '{}');
    writeFileSync(join(root, 'src/client/app.tsx'), 'export const a = 1;');
    writeFileSync(join(root, 'src/server/app.ts'), 'export const b = 1;');
    const first = clientSourceStamp(root);
    expect(clientSourceStamp(root)).toBe(first);

    writeFileSync(join(root, 'src/server/app.ts'), 'export const b = 2;');
    expect(clientSourceStamp(root)).toBe(first);

    writeFileSync(join(root, 'src/client/app.tsx'), 'export const a = 2;');
    const second = clientSourceStamp(root);
    expect(second).not.toBe(first);

    mkdirSync(join(root, 'src/shared'));
    writeFileSync(join(root, 'src/shared/new.ts'), '');
    const third = clientSourceStamp(root);
    expect(third).not.toBe(second);

    writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3}');
    expect(clientSourceStamp(root)).not.toBe(third);
  });

  it('tells a fresh build from a stale, an unstamped and a missing one', () => {
    const current = clientSourceStamp(PROJECT_ROOT);
    expect(clientBuildState(fakeBuild(current, 'x'))).toBe('fresh');
    expect(clientBuildState(fakeBuild('0'.repeat(64), 'x'))).toBe('stale');
    expect(clientBuildState(fakeBuild(null, 'x'))).toBe('stale');
    expect(clientBuildState(tempDir('stamp-empty-'))).toBe('missing');
  });

  it(
    'npm start serves a build that matches the sources as it is',
    { timeout: 60_000 },
    async () => {
      const dir = fakeBuild(clientSourceStamp(PROJECT_ROOT), 'BUILD-MATCHING-SOURCES');
      const { html } = await startAndFetchIndex(dir);
      expect(html).toContain('BUILD-MATCHING-SOURCES');
    },
  );

  it(
    'npm start rebuilds a client built from older sources before serving it',
    { timeout: 180_000 },
    async () => {
      const dir = fakeBuild('0'.repeat(64), 'STALE-BUILD-FROM-BEFORE-GIT-PULL');
      const { html, output } = await startAndFetchIndex(dir);
      expect(output).toContain('was made from other sources');
      expect(html).not.toContain('STALE-BUILD-FROM-BEFORE-GIT-PULL');
      expect(html).toContain('<div id="root">');
      expect(readBuildStamp(dir)).toBe(clientSourceStamp(PROJECT_ROOT));
      const stamp = JSON.parse(readFileSync(join(dir, BUILD_STAMP_FILE), 'utf8'));
      expect(Date.parse(stamp.builtAt)).toBeGreaterThan(Date.now() - 180_000);
    },
  );
});
