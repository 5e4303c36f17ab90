/**
 * Pieces of RADIFOX's Python regular expressions that JavaScript spells differently. Python 3's
 * `\w` and `\s` are Unicode-aware and `.` matches everything but `\n`; JavaScript's `\w` is ASCII,
 * its `\s` has a slightly different set, and its `.` also stops at `\r`, U+2028 and U+2029.
 * Patterns built with these must carry the `u` flag.
 */

/** Python's `\w` on text: a letter or digit of any script, or `_`. */
export const word = '[\\p{L}\\p{N}_]';

/** Python's `\s` on text (`str.isspace`): includes U+001C–U+001F and U+0085, not U+FEFF. */
export const space =
  '[\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';

/** Python's `.` without DOTALL. */
export const anyChar = '[^\\n]';

/** A Python pattern in JavaScript: `.`, `\w`, `\W` and `\s` replaced by their Python meanings. */
export function pythonPattern(source: string): RegExp {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (char === '\\') {
      const next = source[i + 1] ?? '';
      i++;
      if (next === 'w') out += word;
      else if (next === 'W') out += '[^\\p{L}\\p{N}_]';
      else if (next === 's') out += space;
      else out += `\\${next}`;
    } else if (char === '.') {
      out += anyChar;
    } else {
      out += char;
    }
  }
  return new RegExp(out, 'u');
}
