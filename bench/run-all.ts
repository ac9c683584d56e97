import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../test/e2e/support/app-build';
import { AppServer } from '../test/e2e/support/app-server';
import { freePort } from '../test/e2e/support/free-port';
import { DIST_DIR, REPO_ROOT } from '../test/e2e/support/repo-paths';
import { runAttendeeBench, printAttendee } from './attendee-ui.bench';
import { FIRST_LOAD_BUDGET_BYTES, measureFirstLoad, printFirstLoad } from './first-load-size';
import { printLighthouse, runLighthouse } from './lighthouse.bench';
import { printLocalStore, runLocalStoreBench } from './local-store.bench';
import { printLogin, runLoginBench } from './login-concurrency';
import { printPhotoUpload, runPhotoUploadBench } from './photo-upload.bench';
import { printPhotoCompression, runPhotoCompressionBench } from './photos.bench';
import { heading } from './support/report';

// `npm run bench`: every budget of issue 4, printed with its target. Figures, not assertions —
// except the first-load byte budget, which is stable and fails the run when exceeded.
// BENCH_ONLY=size,lighthouse,store,attendee,login,photos,push picks a subset.
const only = process.env.BENCH_ONLY?.split(',');
const wanted = (name: string) => !only || only.includes(name);
const failures: string[] = [];
// Vite's in-process build() sets NODE_ENV=production; the jsdom bench needs React's dev build
// (act()), so child benches get the environment this run started with.
const startEnv = { ...process.env };

async function section(name: string, work: () => Promise<void>): Promise<void> {
  if (!wanted(name)) return;
  try {
    await work();
  } catch (error) {
    failures.push(name);
    console.error(`\n[bench] ${name} failed: ${(error as Error).stack ?? error}`);
  }
}

console.log(
  `outreach-log bench — ${new Date().toISOString()} — Node ${process.version}, ${process.platform} ${process.arch}`,
);

if (process.env.BENCH_SKIP_BUILD !== '1' || !existsSync(join(DIST_DIR, 'index.html'))) {
  await buildApp();
}

let overBudget = false;
await section('size', async () => {
  const report = measureFirstLoad(DIST_DIR);
  printFirstLoad(report);
  overBudget = report.criticalGzip > FIRST_LOAD_BUDGET_BYTES;
});

await section('lighthouse', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-lh-data-'));
  // The server serves dist/ (what `npm start` serves), not the e2e build, which may not exist.
  const server = new AppServer({
    port: await freePort(),
    dataDir,
    clientDir: DIST_DIR,
    label: 'bench-lighthouse',
  });
  try {
    await server.start();
    printLighthouse(await runLighthouse(`${server.url}/`));
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

await section('store', async () => printLocalStore(await runLocalStoreBench()));

await section('attendee', async () => printAttendee(await runAttendeeBench()));

await section('attendee', async () => {
  // The UI engineer's jsdom measurement of the same thing, run as its own process (it installs
  // jsdom globals at import time).
  const script = join(REPO_ROOT, 'bench', 'attendance-add.tsx');
  if (!existsSync(script)) return;
  heading('Adding attendees, jsdom (bench/attendance-add.tsx, the UI engineer’s bench)');
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO_ROOT,
    env: startEnv,
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error(`bench/attendance-add.tsx exited with ${run.status}`);
});

await section('login', async () => printLogin(await runLoginBench()));

await section('photos', async () => {
  printPhotoCompression(await runPhotoCompressionBench());
  printPhotoUpload(await runPhotoUploadBench());
});

await section('push', async () => {
  const scripts = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).scripts ?? {};
  heading('Server push throughput (npm run bench:push, the server engineer’s bench)');
  if (!scripts['bench:push']) {
    console.log('  (no bench:push script in package.json yet)');
    return;
  }
  const run = spawnSync('npm', ['run', '--silent', 'bench:push'], {
    cwd: REPO_ROOT,
    env: startEnv,
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error(`npm run bench:push exited with ${run.status}`);
});

if (failures.length > 0) console.error(`\n[bench] sections that failed: ${failures.join(', ')}`);
if (overBudget) console.error('\n[bench] FAIL: first-load JS + CSS is above the 160 kB budget');
process.exit(failures.length > 0 || overBudget ? 1 : 0);
