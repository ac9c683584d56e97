import { spawn } from 'node:child_process';
import { REPO_ROOT } from './repo-paths';

export interface Officer {
  username: string;
  password: string;
  role: 'commune' | 'district' | 'province' | 'agency' | 'admin';
  unit: string;
  name: string;
}

/** Runs the project's CLI exactly as an administrator would: `npm run users -- add …`. */
export async function addUserWithCli(dataDir: string, officer: Officer): Promise<string> {
  const args = [
    'run',
    '--silent',
    'users',
    '--',
    'add',
    '--username',
    officer.username,
    '--password',
    officer.password,
    '--role',
    officer.role,
    '--unit',
    officer.unit,
    '--name',
    officer.name,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(output);
      else
        reject(
          new Error(`npm run users -- add ${officer.username} exited with ${code}:\n${output}`),
        );
    });
  });
}
