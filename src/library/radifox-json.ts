/**
 * RADIFOX's JSON text, byte for byte: Python's `json.dumps(value, indent=4, sort_keys=True)`
 * with every `SeriesInfo` value on one line (RADIFOX's NoIndent encoder, seed-features.md
 * §1.4.9). Sidecars written by radkit and by radifox-convert then differ only where the values
 * do, so a QA tool (or `diff`) can read both.
 *
 * Python prints floats with `repr` (`10.0`, `1e-05`) and escapes non-ASCII as `\uXXXX`; JSON in
 * JavaScript does neither, so numbers that RADIFOX holds as floats are marked with `PyFloat`.
 */
import { pythonFloat } from '../naming/index.js';

/** A number Python holds as a float: printed `3.0`, not `3`. */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** A value printed on one line inside an indented document (RADIFOX's `NoIndent`). */
export class OneLine {
  constructor(readonly value: unknown) {}
}

function pythonString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    else if (code < 0x20 || (code > 0x7e && code <= 0xffff))
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else if (code > 0xffff) {
      // ensure_ascii writes astral characters as a surrogate pair.
      const high = Math.floor((code - 0x10000) / 0x400) + 0xd800;
      const low = ((code - 0x10000) % 0x400) + 0xdc00;
      out += `\\u${high.toString(16)}\\u${low.toString(16)}`;
    } else out += char;
  }
  return `${out}"`;
}

const sortedKeys = (object: object) =>
  Object.keys(object)
    .filter((key) => (object as Record<string, unknown>)[key] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** A float as json.dumps writes it: repr, except the non-finite values' JSON spellings. */
function jsonFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return pythonFloat(value);
}

function scalar(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (value instanceof PyFloat) return jsonFloat(value.value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : jsonFloat(value);
  if (typeof value === 'string') return pythonString(value);
  return undefined;
}

/** One-line form, Python's default separators `, ` and `: `. */
function compact(value: unknown): string {
  const simple = scalar(value);
  if (simple !== undefined) return simple;
  if (value instanceof OneLine) return compact(value.value);
  if (Array.isArray(value)) return `[${value.map(compact).join(', ')}]`;
  const object = value as Record<string, unknown>;
  return `{${sortedKeys(object)
    .map((key) => `${pythonString(key)}: ${compact(object[key])}`)
    .join(', ')}}`;
}

function indented(value: unknown, depth: number): string {
  const simple = scalar(value);
  if (simple !== undefined) return simple;
  if (value instanceof OneLine) return compact(value.value);
  const inner = ' '.repeat(4 * (depth + 1));
  const outer = ' '.repeat(4 * depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + indented(item, depth + 1)).join(',\n')}\n${outer}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = sortedKeys(object);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((key) => `${inner}${pythonString(key)}: ${indented(object[key], depth + 1)}`).join(',\n')}\n${outer}}`;
}

/** `json.dumps(value, indent=4, sort_keys=True)` as Python prints it (no trailing newline). */
export function formatRadifoxJson(value: unknown): string {
  return indented(value, 0);
}
