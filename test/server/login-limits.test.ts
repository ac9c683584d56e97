import { scryptSync, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { openDatabase } from '../../src/server/db/database';
import type { LoginResponse } from '../../src/shared/auth/auth-protocol';
import { UNITS } from './support/fixtures';
import { call } from './support/http-client';
import { DATABASE_KINDS } from './support/test-database';
import { PASSWORD, startTestServer, type TestServer } from './support/test-server';

// Login limits as an attacker meets them: parallel guesses, many addresses, a forged
// X-Forwarded-For, a second server process — and the account's owner, who must get in.

describe.each(DATABASE_KINDS)('login limits (%s)', { timeout: 120_000 }, (kind) => {
  let server: TestServer;
  let second: FastifyInstance;
  let secondUrl: string;

  beforeAll(async () => {
    // Behind a proxy on loopback: X-Forwarded-For gives the client address (see parseTrustProxy).
    server = await startTestServer(kind, { trustProxy: ['127.0.0.1'] });
    // Another server process on the same database (a second instance behind the proxy).
    second = await buildApp({ database: server.database.config, trustProxy: ['127.0.0.1'] });
    secondUrl = await second.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await second?.close();
    await server?.close();
  });

  const login = (
    username: string,
    password: string,
    options: { from?: string; deviceKey?: string; base?: string } = {},
  ) =>
    call<LoginResponse & { detail?: string }>(
      options.base ?? server.baseUrl,
      'POST',
      '/api/auth/login',
      {
        body: {
          username,
          password,
          deviceName: 'Điện thoại',
          ...(options.deviceKey ? { deviceKey: options.deviceKey } : {}),
        },
        headers: { 'x-forwarded-for': options.from ?? '10.1.1.1' },
      },
    );

  it('reserves attempts before checking: 60 parallel guesses get at most 5 password checks', async () => {
    const officer = await server.officer('commune', UNITS.vinhThanh);
    const name = officer.user.username;
    const guesses = Array.from({ length: 60 }, (_, i) =>
      login(name, `doan-sai-${i}`, { from: '10.9.9.9' }),
    );
    const answers = await Promise.all(guesses);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(55);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    // The right password from that address, next: still refused for this window.
    expect((await login(name, PASSWORD, { from: '10.9.9.9' })).status).toBe(429);
    // The limits are in the database: the other server process refuses it too.
    expect((await login(name, PASSWORD, { from: '10.9.9.9', base: secondUrl })).status).toBe(429);
  });

  it('does not lock other accounts out of an address under attack', async () => {
    for (let i = 0; i < 40; i++) {
      const answer = await login(`khong-ton-tai-${i}`, 'sai-mat-khau', { from: '10.2.2.2' });
      expect(answer.status).toBe(401);
    }
    const colleague = await server.officer('commune', UNITS.vinhThanh);
    const answer = await login(colleague.user.username, PASSWORD, { from: '10.2.2.2' });
    expect(answer.status).toBe(200);
  });

  it('never locks out the owner’s device, whatever others guess from anywhere', async () => {
    const owner = await server.officer('commune', UNITS.vinhThanh);
    const name = owner.user.username;
    const first = await login(name, PASSWORD, { from: '10.3.3.3' });
    expect(first.status).toBe(200);
    const deviceKey = first.body.deviceKey!;
    expect(deviceKey).toMatch(/^olk_/);

    // An attacker spread over many addresses, split between both server processes.
    for (let i = 0; i < 30; i++) {
      await login(name, `doan-${i}`, {
        from: `172.16.0.${i}`,
        base: i % 2 ? secondUrl : undefined,
      });
    }
    // A new device of anyone (the owner's new phone included) now waits…
    const fresh = await login(name, PASSWORD, { from: '10.3.3.4' });
    expect(fresh.status).toBe(429);
    expect(fresh.headers.get('retry-after')).toMatch(/^\d+$/);
    // …but the device that logged in before gets in with the right password, from any address.
    const again = await login(name, PASSWORD, { from: '10.200.0.1', deviceKey });
    expect(again.status).toBe(200);
    expect(again.body.deviceKey).toBe(deviceKey);
    // A key only vouches for the account it was given for.
    const other = await server.officer('commune', UNITS.vinhThanh);
    for (let i = 0; i < 5; i++) await login(other.user.username, 'sai', { from: '10.4.4.4' });
    const borrowed = await login(other.user.username, PASSWORD, { from: '10.4.4.4', deviceKey });
    expect(borrowed.status).toBe(429);
  });

  it('lifts the account’s lock-out when an admin resets its password: the officer gets in at once', async () => {
    // Someone guessed at this account from the office's address and from everywhere else; the
    // officer, who had forgotten the password too, asks for a reset. Her phone is no longer a
    // known device after it (a reset makes every device prove itself again), so without this
    // she would wait out the window behind the guesser's failures.
    const officer = await server.officer('commune', UNITS.vinhQuang);
    const name = officer.user.username;
    for (let i = 0; i < 5; i++) await login(name, `doan-sai-${i}`, { from: '10.7.7.7' });
    for (let i = 0; i < 20; i++) await login(name, `doan-sai-${i}`, { from: `10.8.8.${i}` });
    expect((await login(name, PASSWORD, { from: '10.7.7.7' })).status).toBe(429);
    expect((await login(name, PASSWORD, { from: '10.6.6.6' })).status).toBe(429);

    const reset = await server.admin.call<{ password: string }>(
      'POST',
      `/api/admin/users/${officer.user.id}/password-reset`,
    );
    expect(reset.status).toBe(200);
    const fresh = reset.body.password;
    expect((await login(name, fresh, { from: '10.7.7.7' })).status).toBe(200);
    expect((await login(name, fresh, { from: '10.6.6.6' })).status).toBe(200);
    // The limits still hold for whoever keeps guessing after the reset.
    for (let i = 0; i < 5; i++) await login(name, `lai-doan-${i}`, { from: '10.7.7.7' });
    expect((await login(name, 'lai-doan-5', { from: '10.7.7.7' })).status).toBe(429);
    // Another account's counters are not touched by this one's reset.
    const other = await server.officer('commune', UNITS.vinhQuang);
    for (let i = 0; i < 6; i++) await login(other.user.username, `x-${i}`, { from: '10.5.5.5' });
    await server.admin.call('POST', `/api/admin/users/${officer.user.id}/password-reset`);
    expect((await login(other.user.username, PASSWORD, { from: '10.5.5.5' })).status).toBe(429);
  });

  it('gives no session to the old password once a reset has committed, even one checked during it', async () => {
    // A login checks the password (tens of ms of Argon2) while an admin resets it: the device
    // must not be stored with the old password after the reset ended every session. Raced at
    // staggered instants; before the fix some of these logins kept a working session.
    let survivors = 0;
    for (let i = 0; i < 24; i++) {
      const officer = await server.officer('commune', UNITS.vinhThanh);
      const name = officer.user.username;
      const [answer] = await Promise.all([
        login(name, PASSWORD, { from: `10.44.0.${i}` }),
        new Promise((r) => setTimeout(r, i % 12)).then(() =>
          server.admin.call('POST', `/api/admin/users/${officer.user.id}/password-reset`),
        ),
      ]);
      if (answer.status !== 200) {
        expect(answer.status).toBe(401);
        continue;
      }
      const me = await call(server.baseUrl, 'GET', '/api/auth/me', { token: answer.body.token });
      if (me.status === 200) survivors += 1;
    }
    expect(survivors).toBe(0);
  });

  it('believes X-Forwarded-For only from the trusted proxy, right to left', async () => {
    const victim = await server.officer('commune', UNITS.vinhThanh);
    const name = victim.user.username;
    // An attacker at 10.5.5.5 forges the leftmost entry on every try: the proxy appends the
    // real address, and that is the one counted.
    for (let i = 0; i < 5; i++) {
      const answer = await login(name, 'sai', { from: `1.2.3.${i}, 10.5.5.5` });
      expect(answer.status).toBe(401);
    }
    expect((await login(name, PASSWORD, { from: '9.9.9.9, 10.5.5.5' })).status).toBe(429);
    expect((await login(name, PASSWORD, { from: '10.5.5.6' })).status).toBe(200);

    // A server that trusts no proxy ignores the header: every try is from 127.0.0.1.
    const direct = await buildApp({ database: server.database.config });
    const directUrl = await direct.listen({ port: 0, host: '127.0.0.1' });
    try {
      const other = await server.officer('commune', UNITS.vinhThanh);
      for (let i = 0; i < 5; i++) {
        await login(other.user.username, 'sai', { from: `10.6.6.${i}`, base: directUrl });
      }
      const blocked = await login(other.user.username, PASSWORD, {
        from: '10.6.6.99',
        base: directUrl,
      });
      expect(blocked.status).toBe(429);
    } finally {
      await direct.close();
    }
  });

  it.each([
    ['a weaker scrypt hash', 1],
    ['the scrypt hash of before Argon2id', 5],
  ])('replaces %s with Argon2id at the next login', async (_name, parallelism) => {
    const officer = await server.officer('commune', UNITS.vinhThanh);
    const salt = randomBytes(16);
    const old = scryptSync(PASSWORD.normalize('NFC'), salt, 32, {
      N: 16384,
      r: 8,
      p: parallelism,
      maxmem: 64 * 1024 * 1024,
    });
    const weak = [
      'scrypt',
      16384,
      8,
      parallelism,
      salt.toString('base64'),
      old.toString('base64'),
    ].join('$');
    const database = openDatabase(server.database.config);
    try {
      await database.db
        .updateTable('users')
        .set({ password_hash: weak })
        .where('id', '=', officer.user.id)
        .execute();
      expect((await login(officer.user.username, PASSWORD, { from: '10.7.7.7' })).status).toBe(200);
      const row = await database.db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', officer.user.id)
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      // The officer's session survived, and the new hash takes the same password.
      expect((await officer.call('GET', '/api/auth/me')).status).toBe(200);
      expect((await login(officer.user.username, PASSWORD, { from: '10.7.7.7' })).status).toBe(200);
    } finally {
      await database.close();
    }
  });
});
