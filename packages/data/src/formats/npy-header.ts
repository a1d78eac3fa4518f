/**
 * The header of a NumPy `.npy` file: the magic string `\x93NUMPY`, a version,
 * a header length, then a Python dict literal such as
 * `{'descr': '<f4', 'fortran_order': False, 'shape': (100, 784), }`.
 * The dict is read by a small literal parser (not by regular expressions), so
 * a malformed header is reported at the byte where it goes wrong.
 */
import { DataError } from '../errors.js';
import { rejectGzip } from './gzip.js';
import type { NumericDtype } from './numbers.js';

/** What an NPY header says about the array that follows it. */
export interface NpyHeader {
  dtype: NumericDtype;
  /** The dtype string as written in the file, e.g. `<f4`. */
  descr: string;
  littleEndian: boolean;
  shape: number[];
  /** Byte offset of the first element. */
  dataOffset: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

const kinds: Record<string, NumericDtype> = {
  f4: 'float32', f8: 'float64', u1: 'uint8', i1: 'int8', u2: 'uint16', i2: 'int16',
  u4: 'uint32', i4: 'int32', i8: 'int64', u8: 'uint64', b1: 'bool',
};

/**
 * Reads an NPY header from the first bytes of a file.
 *
 * @example
 * const { dtype, shape, dataOffset } = parseNpyHeader(bytes, 'codes.npy'); // 'float32', [100, 32], 128
 */
export function parseNpyHeader(bytes: Uint8Array, file?: string): NpyHeader {
  if (bytes.length === 0) throw new DataError('empty file, expected an NPY header', { file, offset: 0 });
  rejectGzip(bytes, file);
  for (let i = 0; i < MAGIC.length; i++) {
    if (i >= bytes.length) {
      throw new DataError(`truncated NPY header: expected the 6-byte magic string \\x93NUMPY, the file has ${bytes.length} bytes`, { file, offset: bytes.length });
    }
    if (bytes[i] !== MAGIC[i]) throw new DataError('not an NPY file: expected the magic string \\x93NUMPY', { file, offset: i });
  }
  if (bytes.length < 10) {
    throw new DataError(`truncated NPY header: expected at least 10 bytes (magic, version, header length), the file has ${bytes.length}`, { file, offset: bytes.length });
  }
  const major = bytes[6];
  if (major < 1 || major > 3) throw new DataError(`unsupported NPY format version ${major}.${bytes[7]}, expected 1.0, 2.0 or 3.0`, { file, offset: 6 });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let start = 10;
  let length: number;
  if (major === 1) length = view.getUint16(8, true);
  else {
    if (bytes.length < 12) throw new DataError(`truncated NPY header: version ${major} needs 12 bytes before the header, the file has ${bytes.length}`, { file, offset: bytes.length });
    length = view.getUint32(8, true);
    start = 12;
  }
  if (bytes.length < start + length) {
    throw new DataError(`truncated NPY header: the header needs ${start + length} bytes, the file has ${bytes.length}`, { file, offset: bytes.length });
  }
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + length));
  const at = (pos: number) => ({ file, offset: start + pos });
  const dict = new LiteralParser(text, at).parseHeaderDict();
  for (const key of ['descr', 'fortran_order', 'shape']) {
    if (!(key in dict)) throw new DataError(`the NPY header has no '${key}' entry`, at(0));
  }
  const { descr, fortran_order: fortran, shape } = dict as { descr: Literal; fortran_order: Literal; shape: Literal };
  if (typeof descr !== 'string') {
    throw new DataError(`structured NPY dtypes (a list of fields) are not supported, expected a plain dtype such as '<f4'`, at(text.indexOf('descr')));
  }
  const m = /^([<>|=]?)([a-zA-Z])(\d+)$/.exec(descr);
  const dtype = m ? kinds[m[2] + m[3]] : undefined;
  if (!m || !dtype) {
    throw new DataError(
      `unsupported NPY dtype '${descr}': expected float32 (<f4), float64 (<f8), uint8 (|u1), int8, int16, uint16, int32, uint32, int64, uint64 or bool`,
      at(text.indexOf('descr')),
    );
  }
  if (fortran !== false) {
    throw new DataError(
      fortran === true
        ? 'fortran_order is True (column-major), which is not supported: save a C-ordered array, e.g. np.save(path, np.ascontiguousarray(a))'
        : `fortran_order must be True or False, found ${JSON.stringify(fortran)}`,
      at(text.indexOf('fortran_order')),
    );
  }
  if (!Array.isArray(shape) || shape.some((d) => typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0)) {
    throw new DataError(`shape must be a tuple of non-negative integers, found ${JSON.stringify(shape)}`, at(text.indexOf('shape')));
  }
  return { dtype, descr, littleEndian: m[1] !== '>', shape: shape as number[], dataOffset: start + length };
}

type Literal = string | number | boolean | null | Literal[] | { [key: string]: Literal };

/** A recursive-descent parser for the Python literals that appear in NPY headers. */
class LiteralParser {
  private pos = 0;
  private depth = 0;
  constructor(
    private readonly text: string,
    private readonly at: (pos: number) => { file?: string; offset: number },
  ) {}

  parseHeaderDict(): Record<string, Literal> {
    this.space();
    if (this.text[this.pos] !== '{') this.fail("expected the header to start with '{'");
    const value = this.value() as Record<string, Literal>;
    this.space();
    if (this.pos < this.text.length) this.fail('unexpected text after the header dict');
    return value;
  }

  private value(): Literal {
    this.space();
    const c = this.text[this.pos];
    if (c === '{' || c === '(' || c === '[') {
      if (++this.depth > 8) this.fail('values nested too deeply');
      const v = c === '{' ? this.dict() : this.sequence(c === '(' ? ')' : ']');
      this.depth--;
      return v;
    }
    if (c === "'" || c === '"') return this.string();
    if (c !== undefined && /[-0-9]/.test(c)) return this.number();
    for (const [word, v] of [['True', true], ['False', false], ['None', null]] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return v;
      }
    }
    return this.fail(c === undefined ? 'the header ends too early' : `unexpected character ${JSON.stringify(c)}`);
  }

  private dict(): Record<string, Literal> {
    const out: Record<string, Literal> = {};
    this.pos++; // {
    for (;;) {
      this.space();
      if (this.text[this.pos] === '}') break;
      const keyPos = this.pos;
      const key = this.value();
      if (typeof key !== 'string') this.fail('expected a quoted key', keyPos);
      this.space();
      if (this.text[this.pos] !== ':') this.fail("expected ':' after a key");
      this.pos++;
      out[key as string] = this.value();
      this.space();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== '}') this.fail("expected ',' or '}'");
    }
    this.pos++;
    return out;
  }

  private sequence(close: string): Literal[] {
    const out: Literal[] = [];
    this.pos++;
    for (;;) {
      this.space();
      if (this.text[this.pos] === close) break;
      out.push(this.value());
      this.space();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== close) this.fail(`expected ',' or '${close}'`);
    }
    this.pos++;
    return out;
  }

  private string(): string {
    const quote = this.text[this.pos];
    const end = this.text.indexOf(quote, this.pos + 1);
    if (end < 0) this.fail('unterminated string');
    const s = this.text.slice(this.pos + 1, end);
    this.pos = end + 1;
    return s;
  }

  private number(): number {
    const m = /^-?\d+L?/.exec(this.text.slice(this.pos, this.pos + 32));
    if (!m) return this.fail('expected an integer');
    this.pos += m[0].length;
    return Number(m[0].replace('L', ''));
  }

  private space(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  private fail(what: string, pos = this.pos): never {
    throw new DataError(`malformed NPY header: ${what}`, this.at(pos));
  }
}
