import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
    '--password-stdin',
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
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // The password goes through stdin, never the command line (ps, shell history).
    child.stdin.end(`${officer.password}\n`);
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

/**
 * Stand-in while the CLI is missing, ONLY when E2E_ALLOW_API_USERS=1 (local iteration): creates
 * the account through the admin API with the first admin's password from the server log.
 */
export async function addUserWithAdminApi(
  baseUrl: string,
  serverLog: string,
  officer: Officer,
): Promise<void> {
  // The server writes the first admin's password to DATA_DIR/initial-admin-password.txt and
  // logs that file's path (never the password).
  const file = /"file":"([^"]+initial-admin-password\.txt)"/.exec(serverLog)?.[1];
  if (!file) throw new Error('no initial admin password file in the server log');
  const password = readFileSync(file, 'utf8').trim();
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password, deviceName: 'e2e admin' }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${baseUrl}/api/admin/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      username: officer.username,
      password: officer.password,
      role: officer.role,
      unitCode: officer.unit,
      displayName: officer.name,
    }),
  });
  if (res.status !== 201) throw new Error(`admin API: HTTP ${res.status} ${await res.text()}`);
}

/** Any of the project's admin CLIs (`npm run users|geography -- …`) against the server's DATA_DIR. */
export async function runCli(dataDir: string, script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(
            new Error(`npm run ${script} -- ${args.join(' ')} exited with ${code}:\n${output}`),
          ),
    );
  });
}
