import { createInterface } from 'node:readline';

/**
 * A password for the users CLI, never from the command line (visible in `ps` and the shell's
 * history): with `--password-stdin` the first line of stdin (for scripts: `printf '%s\n' "$P" |`),
 * otherwise typed at a prompt without echo, twice.
 */
export async function readPassword(fromStdin: boolean): Promise<string> {
  if (fromStdin) return firstLineOfStdin();
  if (!process.stdin.isTTY) {
    throw new Error(
      'Không có bàn phím để nhập mật khẩu: dùng --password-stdin / no terminal: use --password-stdin',
    );
  }
  const first = await promptHidden('Mật khẩu / password: ');
  const second = await promptHidden('Nhập lại / repeat: ');
  if (first !== second) throw new Error('Hai lần nhập mật khẩu không khớp / passwords differ');
  return first;
}

async function firstLineOfStdin(): Promise<string> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let typed = '';
    const finish = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new Error('Đã hủy / cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}
