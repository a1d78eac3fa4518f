/**
 * A small schema language for plug-in and trainer options.
 *
 * Core depends on tfjs-core alone, so instead of a validation library this
 * file gives just what option records need: numbers with bounds, integers,
 * booleans, enums, strings, arrays and flat objects, each with a default and
 * a one-line doc. `parse` fills defaults and reports an unknown key, a wrong
 * type or an out-of-range value by its path, with what is allowed.
 */
import { ConfigError } from './errors.js';

/** One field's validator. `T` is the parsed type. */
export interface Field<T> {
  readonly kind: string;
  readonly doc?: string;
  readonly hasDefault: boolean;
  readonly defaultValue?: T;
  /** Human-readable description of what is allowed, used in error messages. */
  readonly expected: string;
  /** Validates `value` (already known not to be undefined); `path` names it in errors. */
  check(value: unknown, path: string): T;
}

interface FieldOptions<T> {
  default?: T;
  doc?: string;
}

function field<T>(kind: string, expected: string, opts: FieldOptions<T>, check: (v: unknown, path: string) => T): Field<T> {
  return { kind, expected, doc: opts.doc, hasDefault: 'default' in opts, defaultValue: opts.default, check };
}

function fail(path: string, expected: string, value: unknown): never {
  let shown: string;
  try {
    shown = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    shown = String(value);
  }
  throw new ConfigError(`${path}: expected ${expected}, got ${shown}`, { field: path });
}

interface NumberOptions extends FieldOptions<number> {
  min?: number;
  max?: number;
  /** Exclusive lower bound. */
  gt?: number;
  /** Exclusive upper bound. */
  lt?: number;
}

function boundsText(o: NumberOptions): string {
  const parts: string[] = [];
  if (o.min !== undefined) parts.push(`>= ${o.min}`);
  if (o.gt !== undefined) parts.push(`> ${o.gt}`);
  if (o.max !== undefined) parts.push(`<= ${o.max}`);
  if (o.lt !== undefined) parts.push(`< ${o.lt}`);
  return parts.length ? ' ' + parts.join(' and ') : '';
}

function numberField(integer: boolean, o: NumberOptions): Field<number> {
  const expected = `${integer ? 'an integer' : 'a finite number'}${boundsText(o)}`;
  return field('number', expected, o, (v, path) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) fail(path, expected, v);
    if ((o.min !== undefined && v < o.min) || (o.max !== undefined && v > o.max)) fail(path, expected, v);
    if ((o.gt !== undefined && v <= o.gt) || (o.lt !== undefined && v >= o.lt)) fail(path, expected, v);
    return v;
  });
}

/** Parsed type of a field or object schema. */
export type Infer<F> = F extends Field<infer T> ? T : never;

type Shape = Record<string, Field<unknown>>;
type ObjectOf<S extends Shape> = { [K in keyof S]: Infer<S[K]> };

/** An object schema: a Field whose `parse` also fills defaults. */
export interface ObjectSchema<S extends Shape> extends Field<ObjectOf<S>> {
  readonly fields: S;
  /**
   * Validates `input` (undefined means `{}`), fills defaults and returns the
   * typed record. Throws `ConfigError` naming `label.key` on the first problem.
   */
  parse(input: unknown, label?: string): ObjectOf<S>;
}

/** Schema builders. */
export const s = {
  /** A finite number, optionally bounded. */
  number: (o: NumberOptions = {}) => numberField(false, o),
  /** An integer, optionally bounded. */
  int: (o: NumberOptions = {}) => numberField(true, o),
  /** true or false. */
  boolean: (o: FieldOptions<boolean> = {}) =>
    field('boolean', 'true or false', o, (v, path) => (typeof v === 'boolean' ? v : fail(path, 'true or false', v))),
  /** Any string. */
  string: (o: FieldOptions<string> = {}) =>
    field('string', 'a string', o, (v, path) => (typeof v === 'string' ? v : fail(path, 'a string', v))),
  /** One of a fixed set of strings. */
  enum: <const V extends readonly string[]>(values: V, o: FieldOptions<V[number]> = {}) => {
    const expected = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
    return field<V[number]>('enum', expected, o, (v, path) =>
      typeof v === 'string' && values.includes(v) ? (v as V[number]) : fail(path, expected, v),
    );
  },
  /** An array whose items all satisfy `item`, with optional length bounds. */
  array: <T>(item: Field<T>, o: FieldOptions<T[]> & { minLength?: number; maxLength?: number } = {}) => {
    const len =
      o.minLength !== undefined || o.maxLength !== undefined
        ? ` (length ${o.minLength ?? 0}..${o.maxLength ?? 'any'})`
        : '';
    const expected = `an array of ${item.expected}${len}`;
    return field<T[]>('array', expected, o, (v, path) => {
      if (!Array.isArray(v)) fail(path, expected, v);
      if ((o.minLength !== undefined && v.length < o.minLength) || (o.maxLength !== undefined && v.length > o.maxLength))
        fail(path, expected, v);
      return v.map((x, i) => item.check(x, `${path}[${i}]`));
    });
  },
  /** A value that may be absent (parsed as undefined). */
  optional: <T>(inner: Field<T>): Field<T | undefined> => ({ ...inner, hasDefault: true, defaultValue: undefined }),
  /** Either of two schemas (tried in order). */
  union: <A, B>(a: Field<A>, b: Field<B>, o: FieldOptions<A | B> = {}): Field<A | B> => {
    const expected = `${a.expected} or ${b.expected}`;
    return field<A | B>('union', expected, o, (v, path) => {
      try {
        return a.check(v, path);
      } catch {
        try {
          return b.check(v, path);
        } catch {
          return fail(path, expected, v);
        }
      }
    });
  },
  /** A flat record of named fields; unknown keys are errors. */
  object: <S extends Shape>(fields: S, o: FieldOptions<ObjectOf<S>> = {}): ObjectSchema<S> => {
    const check = (v: unknown, path: string): ObjectOf<S> => {
      const input = v === undefined ? {} : v;
      if (typeof input !== 'object' || input === null || Array.isArray(input)) fail(path, 'an object', v);
      const rec = input as Record<string, unknown>;
      for (const key of Object.keys(rec)) {
        // Own keys only: `constructor` or `toString` are in every object's prototype, not options.
        if (!Object.hasOwn(fields, key)) {
          const known = Object.keys(fields);
          throw new ConfigError(`${path}: unknown option "${key}"; allowed: ${known.length ? known.join(', ') : '(none)'}`, {
            field: path ? `${path}.${key}` : key,
          });
        }
      }
      const out: Record<string, unknown> = {};
      for (const [key, f] of Object.entries(fields)) {
        const value = Object.hasOwn(rec, key) ? rec[key] : undefined;
        const p = path ? `${path}.${key}` : key;
        if (value === undefined && f.kind === 'object' && !f.hasDefault) out[key] = f.check({}, p);
        else if (value === undefined) {
          if (!f.hasDefault) throw new ConfigError(`${p}: required, expected ${f.expected}`, { field: p });
          const d = f.defaultValue;
          out[key] = Array.isArray(d) ? [...d] : d;
        } else out[key] = f.check(value, p);
      }
      return out as ObjectOf<S>;
    };
    const base = field<ObjectOf<S>>('object', 'an object', o, check);
    return { ...base, fields, parse: (input: unknown, label = 'options') => check(input, label) };
  },
};
