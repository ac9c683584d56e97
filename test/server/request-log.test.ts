import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { talk, UNITS, upsert } from './support/fixtures';
import { startTestServer, type Session, type TestServer } from './support/test-server';

interface Line {
  msg: string;
  level?: number;
  reqId?: string;
  req?: { method: string; url: string };
  res?: { statusCode: number };
  responseTime?: number;
  gate?: { queuedMs: number; workMs: number };
}

// Logging does not depend on the database kind: SQLite only.
describe('server log: one line per request (issue 14: the log was ~6 % of the busy thread)', () => {
  let server: TestServer;
  let officer: Session;
  const lines: Line[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const text of chunk.toString('utf8').split('\n')) {
          if (text.trim()) lines.push(JSON.parse(text) as Line);
        }
        done();
      },
    });
    server = await startTestServer('sqlite', { logger: { level: 'info', stream } });
    officer = await server.officer('commune', UNITS.vinhThanh);
  });
  afterAll(() => server?.close());

  const linesOf = (reqId: string | undefined) => lines.filter((l) => l.reqId === reqId);

  it('logs a read once, when it is answered: method, URL, status and time', async () => {
    lines.length = 0;
    const answer = await officer.call('GET', '/api/sync/pull?since=0');
    expect(answer.status).toBe(200);
    const done = lines.filter((l) => l.req?.url === '/api/sync/pull?since=0');
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({
      msg: 'request completed',
      req: { method: 'GET' },
      res: { statusCode: 200 },
    });
    expect(done[0]!.responseTime).toBeGreaterThanOrEqual(0);
    expect(linesOf(done[0]!.reqId)).toHaveLength(1);
  });

  it('logs a write on arrival too, so a crash in the middle of a push leaves its trace', async () => {
    lines.length = 0;
    await officer.push([upsert(talk(officer.user, UNITS.vinhThanh))]);
    const arrived = lines.find((l) => l.msg === 'incoming request');
    expect(arrived?.req).toMatchObject({ method: 'POST', url: '/api/sync/push' });
    expect(linesOf(arrived!.reqId).map((l) => [l.msg, l.res?.statusCode])).toEqual([
      ['incoming request', undefined],
      ['request completed', 200],
    ]);
  });

  it('says how long a sync request queued in the work gate and how long it worked', async () => {
    lines.length = 0;
    await officer.push([upsert(talk(officer.user, UNITS.vinhThanh))]);
    await officer.call('GET', '/api/sync/pull?since=0');
    await officer.call('GET', '/api/health');
    const done = lines.filter((l) => l.msg === 'request completed');
    const push = done.find((l) => l.res?.statusCode === 200 && l.req === undefined);
    const pull = done.find((l) => l.req?.url === '/api/sync/pull?since=0');
    for (const line of [push, pull]) {
      expect(line?.gate?.queuedMs).toBeGreaterThanOrEqual(0);
      expect(line?.gate?.workMs).toBeGreaterThanOrEqual(0);
      // Its work is part of its answer's time.
      expect(line!.gate!.workMs).toBeLessThanOrEqual(Math.ceil(line!.responseTime!));
    }
    // Not gated: no such field.
    expect(done.find((l) => l.req?.url === '/api/health')?.gate).toBeUndefined();
  });

  it('logs refusals with their status', async () => {
    lines.length = 0;
    const answer = await officer.call('GET', '/api/sync/pull?since=not-a-cursor');
    expect(answer.status).toBe(400);
    expect(
      lines.filter((l) => l.msg === 'request completed').map((l) => l.res?.statusCode),
    ).toEqual([400]);
  });

  it('logs a busy server’s refusal (503 + Retry-After) once, as an answer, not as an error', async () => {
    const busyLines: Line[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const text of chunk.toString('utf8').split('\n')) {
          if (text.trim()) busyLines.push(JSON.parse(text) as Line);
        }
        done();
      },
    });
    // No slot at all (maintenance): every sync request is refused.
    const busy = await startTestServer('sqlite', {
      logger: { level: 'info', stream },
      workGate: { maxActive: 0 },
    });
    try {
      const phone = await busy.officer('commune', UNITS.vinhThanh);
      busyLines.length = 0;
      const answer = await phone.call('GET', '/api/sync/pull?since=0', { once: true });
      expect(answer.status).toBe(503);
      expect(busyLines.map((l) => [l.msg, l.res?.statusCode])).toEqual([
        ['request completed', 503],
      ]);
      expect(busyLines.filter((l) => (l.level ?? 0) >= 50)).toEqual([]);
    } finally {
      await busy.close();
    }
  });
});
