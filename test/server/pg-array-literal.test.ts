import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dollarQuoted,
  inlineParameters,
  pgArrayLiteral,
  pgColumnParameter,
  pgColumnSql,
} from '../../src/server/modules/sync/pg-array-parameters';
import { DATABASE_KINDS } from './support/test-database';

// A push hands PostgreSQL each column of its batch as one array literal (pgArrayLiteral): what
// the server reads back must be exactly each value, whatever characters a record's text holds.
describe.runIf(DATABASE_KINDS.includes('postgres'))('pgArrayLiteral (postgres)', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
  });
  afterAll(() => client?.end());

  it('round-trips text with quotes, backslashes, braces, commas, control characters and emoji', async () => {
    const values = [
      'Họp "dân" {khu phố} 2, ấp \\Vĩnh\\',
      'Dòng 1\nDòng 2\r\n\tthụt lề',
      'NULL',
      '',
      ' ',
      '\\"',
      '🙂 hộ nghèo {a,b} ""',
      '\u0001\u001f\u007f',
      '{"topic":"Đối thoại","notes":"a\\nb \\"c\\""}',
      null,
    ];
    const { rows } = await client.query<{ v: string | null }>(
      'select v from unnest($1::text[]) with ordinality as t(v, i) order by i',
      [pgArrayLiteral(values)],
    );
    expect(rows.map((r) => r.v)).toEqual(values);
  });

  it('round-trips numbers, negative and large, and nulls into bigint and integer arrays', async () => {
    const values = [0, -5, 1, 9_007_199_254_740_991, null, 1_500_000];
    const { rows } = await client.query<{ v: string | null }>(
      'select v::text from unnest($1::bigint[]) with ordinality as t(v, i) order by i',
      [pgArrayLiteral(values)],
    );
    expect(rows.map((r) => (r.v === null ? null : Number(r.v)))).toEqual(values);
    const ints = await client.query('select unnest($1::integer[]) as v', [
      pgArrayLiteral([1, 0, null]),
    ]);
    expect(ints.rows.map((r) => r.v)).toEqual([1, 0, null]);
  });

  // A push's columns travel as pgColumnParameter writes them: text joined by a separator and split
  // by PostgreSQL, or an array literal. Either way each value must come back exactly, in order.
  it('round-trips each column of a batch as pgColumnParameter writes it, whatever it holds', async () => {
    const columns: { values: unknown[]; type: string; encoding: 's' | 'l' }[] = [
      {
        values: ['Họp "dân" {a,b}', 'Dòng 1\nDòng 2', '', 'NULL', null, '🙂 \\'],
        type: 'text',
        encoding: 's',
      },
      { values: ['{"notes":"a\\nb \\"c\\""}', null], type: 'text', encoding: 's' },
      { values: [''], type: 'text', encoding: 'l' },
      { values: [null], type: 'text', encoding: 'l' },
      { values: ['a\u001eb', 'c'], type: 'text', encoding: 'l' },
      { values: ['\u001f', null, ''], type: 'text', encoding: 'l' },
      { values: ['', ''], type: 'text', encoding: 's' },
      { values: [0, -5, 9_007_199_254_740_991], type: 'bigint', encoding: 'l' },
      { values: [1, null, 0], type: 'integer', encoding: 'l' },
    ];
    for (const { values, type, encoding } of columns) {
      const column = pgColumnParameter(values);
      const { rows } = await client.query<{ v: unknown }>(
        `select v from unnest(${pgColumnSql(1, type, column.encoding)}) with ordinality as t(v, i)
         order by i`,
        [column.parameter],
      );
      expect(rows.map((r) => (type === 'bigint' && r.v !== null ? Number(r.v) : r.v))).toEqual(
        values,
      );
      // Text goes the cheap way (split) unless it cannot; then as an array literal.
      expect(column.encoding).toBe(encoding);
    }
  });

  it('round-trips the same text written into the query itself (a push’s last write and COMMIT)', async () => {
    const values = [
      "Họp 'dân' \\'; drop table x; --",
      'tiền $1 và $q$ và $q0$ {a,b}',
      '{"notes":"a\\nb \\"c\\""}',
      null,
    ];
    const text = inlineParameters(
      'select v from unnest($2::text[]) with ordinality as t(v, i) where i > $1 order by i',
      [0, pgArrayLiteral(values)],
    );
    const { rows } = await client.query<{ v: string | null }>(text);
    expect(rows.map((r) => r.v)).toEqual(values);
  });

  it('reads any text back exactly from its dollar quotes, a tag at its very end included', async () => {
    const texts = [
      'abc$q',
      '$q',
      '$q$',
      'x$q$y$q0$',
      '$q0',
      'a$',
      '$',
      '',
      "'; drop table x; --$q",
    ];
    for (const text of texts) {
      const { rows } = await client.query<{ v: string }>(`select ${dollarQuoted(text)} as v`);
      expect(rows[0]!.v).toBe(text);
    }
  });
});
