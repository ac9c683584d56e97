import type { z } from 'zod';

// A fast path for valid input, derived from a zod schema: the server validates every pushed
// record, and zod's general machinery (a payload per field, issue bookkeeping, the object
// parser's wrappers) cost more than the rest of the push's CPU work. The schema stays the one
// source of truth: objects, arrays, optionals and discriminated unions are walked here, but each
// value's type test and every check (lengths, formats, trim, custom rules) is zod's own function
// run on the value. The answer is only ever "zod accepts, and this is its output" or "don't
// know": any doubt — a failed check, an unknown kind of schema, an async check — returns
// undefined and the caller runs zod itself, so refusals and their field errors are always zod's.
// test/shared/zod-accept.test.ts checks random valid and invalid records against zod.

const UNSURE: unique symbol = Symbol('unsure');
type Node = (value: unknown) => unknown;

/** zod's internals as far as they are read here (zod 4: `schema._zod`). */
interface ZodInternals {
  def: {
    type: string;
    checks?: ZodCheckLike[];
    shape?: Record<string, { _zod: ZodInternals }>;
    catchall?: unknown;
    element?: { _zod: ZodInternals };
    innerType?: { _zod: ZodInternals };
    options?: { _zod: ZodInternals }[];
    discriminator?: string;
    coerce?: boolean;
  };
  traits: Set<string>;
  optin?: string;
  optout?: string;
  values?: Set<unknown>;
  parse(payload: Payload, ctx: object): Payload | Promise<Payload>;
  run(payload: Payload, ctx: object): Payload | Promise<Payload>;
  check?(payload: Payload): unknown;
}
interface ZodCheckLike {
  _zod: { check(payload: Payload): unknown };
}
interface Payload {
  value: unknown;
  issues: unknown[];
}

const CTX = { async: false };

/** One payload reused for every zod check run here (zod only adds issues to it on failure). */
const shared: Payload = { value: undefined, issues: [] };

/** zod's check function on `value`: the (overwritten) value, or UNSURE if it found an issue. */
function zodCheck(check: ZodCheckLike, value: unknown): unknown {
  shared.value = value;
  if (shared.issues.length > 0) shared.issues = [];
  const outcome = check._zod.check(shared);
  if (outcome instanceof Promise || shared.issues.length > 0) return UNSURE;
  return shared.value;
}

// The commonest checks are tested inline with zod's own parameters, in the direction that cannot
// err (a value clearly within bounds passes; anything else asks zod's check function).
const Kind = {
  Zod: 0,
  Overwrite: 1,
  MaxLength: 2,
  LessThan: 3,
  GreaterThan: 4,
  SafeInt: 5,
} as const;
type Kind = (typeof Kind)[keyof typeof Kind];
interface Step {
  kind: Kind;
  bound: number;
  inclusive: boolean;
  tx: (value: unknown) => unknown;
  check: ZodCheckLike;
}

function stepOf(check: ZodCheckLike): Step {
  const def = (check._zod as unknown as { def: Record<string, unknown> }).def;
  const step: Step = { kind: Kind.Zod as Kind, bound: 0, inclusive: false, tx: (v) => v, check };
  // A check that runs only under a condition (`when`) is left to zod, except zod's own
  // length checks, whose condition (a value with a length) holds for every string and array.
  const name = def.check;
  if (name === 'overwrite' && typeof def.tx === 'function') {
    return { ...step, kind: Kind.Overwrite, tx: def.tx as Step['tx'] };
  }
  if (name === 'max_length' && typeof def.maximum === 'number') {
    return { ...step, kind: Kind.MaxLength, bound: def.maximum };
  }
  if (def.when !== undefined) return step;
  if ((name === 'less_than' || name === 'greater_than') && typeof def.value === 'number') {
    const kind = name === 'less_than' ? Kind.LessThan : Kind.GreaterThan;
    return { ...step, kind, bound: def.value, inclusive: def.inclusive === true };
  }
  if (name === 'number_format' && (def.format === 'safeint' || def.format === 'int32')) {
    return def.format === 'safeint' ? { ...step, kind: Kind.SafeInt } : step;
  }
  return step;
}

/** Runs a schema's checks on `value` in their order; the (overwritten) value or UNSURE. */
function runSteps(steps: readonly Step[], value: unknown): unknown {
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    switch (step.kind) {
      case Kind.Overwrite:
        value = step.tx(value);
        continue;
      case Kind.MaxLength:
        // UTF-16 units never undercount code points: within the bound in units is within it.
        if ((value as { length: number }).length <= step.bound) continue;
        break;
      case Kind.LessThan:
        if (step.inclusive ? (value as number) <= step.bound : (value as number) < step.bound)
          continue;
        break;
      case Kind.GreaterThan:
        if (step.inclusive ? (value as number) >= step.bound : (value as number) > step.bound)
          continue;
        break;
      case Kind.SafeInt:
        if (Number.isSafeInteger(value)) continue;
        break;
    }
    value = zodCheck(step.check, value);
    if (value === UNSURE) return UNSURE;
  }
  return value;
}

function checksOf(internals: ZodInternals): ZodCheckLike[] {
  const own = internals.def.checks ?? [];
  // A format schema (z.uuid(), z.iso.date()…) is its own first check.
  return internals.traits.has('$ZodCheck')
    ? [{ _zod: internals as unknown as ZodCheckLike['_zod'] }, ...own]
    : own;
}

/** zod's whole run of the schema: exact, for kinds this file does not walk itself. */
function zodRun(internals: ZodInternals): Node {
  return (value) => {
    const result = internals.run({ value, issues: [] }, CTX);
    if (result instanceof Promise || result.issues.length > 0) return UNSURE;
    return result.value;
  };
}

function withChecks(internals: ZodInternals, parse: Node): Node {
  const steps = checksOf(internals).map(stepOf);
  if (steps.length === 0) return parse;
  return (value) => {
    const parsed = parse(value);
    return parsed === UNSURE ? UNSURE : runSteps(steps, parsed);
  };
}

/** zod's type test of a primitive, inline: exactly what its parse function accepts. */
function typeTest(internals: ZodInternals): ((value: unknown) => boolean) | undefined {
  const { type, coerce } = internals.def;
  if (coerce) return undefined;
  if (type === 'string') return (v) => typeof v === 'string';
  if (type === 'number') return (v) => typeof v === 'number' && Number.isFinite(v);
  if (type === 'boolean') return (v) => typeof v === 'boolean';
  const values = internals.values;
  if ((type === 'enum' || type === 'literal') && values) return (v) => values.has(v);
  return undefined;
}

function compile(internals: ZodInternals): Node {
  const { def } = internals;
  const test = typeTest(internals);
  if (test) return withChecks(internals, (value) => (test(value) ? value : UNSURE));
  if (def.type === 'optional' && def.innerType) {
    const inner = compile(def.innerType._zod);
    return withChecks(internals, (value) => (value === undefined ? undefined : inner(value)));
  }
  if (def.type === 'array' && def.element) {
    const element = compile(def.element._zod);
    return withChecks(internals, (value) => {
      if (!Array.isArray(value)) return UNSURE;
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) {
        const item = element(value[i]);
        if (item === UNSURE) return UNSURE;
        out[i] = item;
      }
      return out;
    });
  }
  if (def.type === 'object' && def.shape && def.catchall === undefined) {
    return withChecks(internals, compileObject(def.shape));
  }
  if (def.type === 'union' && def.discriminator !== undefined && def.options) {
    return withChecks(internals, compileDiscriminated(def.discriminator, def.options));
  }
  return zodRun(internals);
}

function compileObject(shape: Record<string, { _zod: ZodInternals }>): Node {
  const fields = Object.keys(shape)
    .filter((key) => key !== '__proto__')
    .map((key) => {
      const internals = shape[key]!._zod;
      // Absent and allowed to be: zod leaves the key out of its output.
      const omittable = internals.optin === 'optional' && internals.optout === 'optional';
      return { key, omittable, node: compile(internals) };
    });
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return UNSURE;
    const input = value as Record<string, unknown>;
    // zod's output: the shape's keys in the shape's order, unknown keys dropped.
    const out: Record<string, unknown> = {};
    for (const { key, omittable, node } of fields) {
      if (!(key in input)) {
        if (omittable) continue;
        return UNSURE;
      }
      const field = node(input[key]);
      if (field === UNSURE) return UNSURE;
      out[key] = field;
    }
    return out;
  };
}

function compileDiscriminated(discriminator: string, options: { _zod: ZodInternals }[]): Node {
  const byValue = new Map<unknown, Node>();
  for (const option of options) {
    const values = option._zod.def.shape?.[discriminator]?._zod.values;
    if (!values) return () => UNSURE;
    const node = compile(option._zod);
    for (const v of values) {
      // Two options claiming one value: zod's choice is not ours to guess.
      byValue.set(v, byValue.has(v) ? () => UNSURE : node);
    }
  }
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return UNSURE;
    const node = byValue.get((value as Record<string, unknown>)[discriminator]);
    return node ? node(value) : UNSURE;
  };
}

/**
 * `accept(input)`: zod's output for `input` when zod would accept it (`schema.parse(input)`),
 * or undefined when it would not — or might not: then ask zod (`safeParse`) for the errors.
 */
export function compileAcceptor<T>(schema: z.ZodType<T>): (input: unknown) => T | undefined {
  const node = compile((schema as unknown as { _zod: ZodInternals })._zod);
  return (input) => {
    const out = node(input);
    return out === UNSURE ? undefined : (out as T);
  };
}
