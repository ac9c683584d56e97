// How a PostgreSQL batch's values travel (pg-batch-write.repository.ts): each column as one text
// parameter split again by the database, array literals, and parameters inlined into a query
// text for the simple query protocol. Pure text, no database.

/** A column's values joined by SEPARATOR (NULL_MARK for null), split again by PostgreSQL. */
const SPLIT = 's';
/** A column's values as one array literal (pgArrayLiteral). */
const LITERAL = 'l';
const SEPARATOR = '\u001e';
const NULL_MARK = '\u001f';

/** Parameter `$n` written by pgColumnParameter as an array of `type` (`text`, `bigint`…). */
export function pgColumnSql(n: number, type: string, encoding: string): string {
  return encoding === SPLIT
    ? `string_to_array($${n}, E'\\x1e', E'\\x1f')::${type}[]`
    : `$${n}::${type}[]`;
}

/**
 * One column of a batch as one text parameter, and how it is written (SPLIT or LITERAL). Text
 * values are joined with a separator none of them holds and split by PostgreSQL
 * (string_to_array): no character of a record's JSON is escaped on the way — quoting every
 * element (pgArrayLiteral) cost the server ~3 µs a record and PostgreSQL's array parser twice
 * the time of the split (session 11, 200-record batches). Numbers (and text holding the
 * separator or the null mark, or a lone empty string, which splits into no element at all)
 * go as an array literal.
 */
export function pgColumnParameter(values: readonly unknown[]): {
  encoding: typeof SPLIT | typeof LITERAL;
  parameter: string;
} {
  let text = true;
  let numbers = true;
  let nulls = false;
  for (const value of values) {
    if (value === null || value === undefined) nulls = true;
    else if (typeof value === 'string') {
      numbers = false;
      if (text && (value.includes(SEPARATOR) || value.includes(NULL_MARK))) text = false;
    } else {
      text = false;
      if (typeof value !== 'number') numbers = false;
    }
  }
  if (numbers && !nulls) return { encoding: LITERAL, parameter: `{${values.join(',')}}` };
  if (text && !numbers && !(values.length === 1 && values[0] === '')) {
    const joined = nulls
      ? values.map((v) => v ?? NULL_MARK).join(SEPARATOR)
      : values.join(SEPARATOR);
    return { encoding: SPLIT, parameter: joined };
  }
  return { encoding: LITERAL, parameter: pgArrayLiteral(values) };
}

/** Characters JSON.stringify writes as escapes PostgreSQL's array syntax would misread. */
const NOT_JSON_SAFE = /[\u0000-\u001f\ud800-\udfff]/;

/**
 * A PostgreSQL array literal of `values` (strings, numbers, null). A quoted element escapes `"`
 * and `\` with a backslash — as JSON does, so V8's native JSON.stringify writes most strings
 * (node-postgres escapes each element with two regex replaces: ~25 µs a record for a batch's
 * history JSON); a string with control characters or surrogates takes the plain route.
 */
export function pgArrayLiteral(values: readonly unknown[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) out += ',';
    if (value === null || value === undefined) out += 'NULL';
    else if (typeof value === 'number') out += String(value);
    else {
      const text = String(value);
      out += NOT_JSON_SAFE.test(text)
        ? `"${text.replace(/[\\"]/g, '\\$&')}"`
        : JSON.stringify(text);
    }
  }
  return `${out}}`;
}

/**
 * `text` as a dollar-quoted SQL string: read as it is, whatever it holds (quotes, backslashes),
 * whatever `standard_conforming_strings` says. The tag is one the text does not contain.
 */
export function dollarQuoted(text: string): string {
  let tag = '$q$';
  // The closing tag must be the first place the tag occurs after the opening one: neither in the
  // text nor straddling its end (a text ending in "$q" would close "$q$" one character early).
  for (let n = 0; `${text}${tag}`.indexOf(tag) !== text.length; n++) tag = `$q${n}$`;
  return `${tag}${text}${tag}`;
}

/**
 * `text` with its `$n` placeholders replaced by the parameters as SQL literals (numbers as
 * they are, strings dollar-quoted): several statements in one query are only allowed without
 * bound parameters (PostgreSQL's simple query protocol).
 */
export function inlineParameters(text: string, parameters: readonly (string | number)[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = parameters[Number(n) - 1];
    if (value === undefined) throw new Error(`no parameter $${n}`);
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) throw new Error(`parameter $${n}: not an integer`);
      return String(value);
    }
    return dollarQuoted(value);
  });
}

/**
 * Batches whose parameters are at most this many characters (a phone's push of ~20 records) go
 * with their COMMIT as one query text; larger ones are sent with bound parameters (see below).
 */
export const INLINE_MAX_CHARS = 64 * 1024;
