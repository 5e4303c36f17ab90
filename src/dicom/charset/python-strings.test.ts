/**
 * Python `str` behaviours used for DS/IS/AE/UI/UR values. Expectations are CPython 3.11's
 * (checked with /usr/bin/python3: `chr(c).isspace()`, `float(s)`, `int(s)`).
 */
import { describe, expect, it } from 'vitest';
import {
  isIntegralFloat,
  isPythonInt,
  isPythonSpace,
  pythonFloatSyntax,
  pythonRstrip,
  pythonStrip,
  stripPadding,
} from './python-strings.js';

describe('python-strings', () => {
  it('knows which Latin-1 characters Python calls whitespace', () => {
    const spaces: number[] = [];
    for (let code = 0; code < 256; code++) if (isPythonSpace(code)) spaces.push(code);
    // [c for c in range(256) if chr(c).isspace()]
    expect(spaces).toEqual([9, 10, 11, 12, 13, 28, 29, 30, 31, 32, 133, 160]);
  });

  it('strips like str.strip(), str.rstrip() and str.rstrip("\\0 ")', () => {
    expect(pythonStrip('\u00a0 a b\t\u001c')).toBe('a b');
    expect(pythonStrip('\u0000a\u0000')).toBe('\u0000a\u0000');
    expect(pythonRstrip(' a \u0085')).toBe(' a');
    expect(stripPadding('a \u0000 \u0000')).toBe('a');
    expect(stripPadding('a\t ')).toBe('a\t');
  });

  it('classifies float() syntax', () => {
    const valid = ['1', ' 1.5 ', '-2e3', '+.5', '7.', '1_000.5', '1e1_0', '\t3\n'];
    for (const text of valid) expect(pythonFloatSyntax(text), text).toBe('finite');
    for (const text of ['inf', '-Infinity', 'INF', '1e999'])
      expect(pythonFloatSyntax(text), text).toBe('infinite');
    for (const text of ['nan', '-NaN']) expect(pythonFloatSyntax(text), text).toBe('nan');
    const invalid = [
      '',
      '.',
      'e1',
      '1e',
      '1__0',
      '_1',
      '1_',
      '1_.5',
      '1._5',
      '0x10',
      '1.5\u0000',
      'abc',
      '1 2',
    ];
    for (const text of invalid) expect(pythonFloatSyntax(text), text).toBe('invalid');
  });

  it('classifies int() syntax and integral floats', () => {
    for (const text of ['12', ' +0007 ', '-3', '1_000']) expect(isPythonInt(text), text).toBe(true);
    for (const text of ['1.0', '1A', '', '+', '1__0', '0x1']) expect(isPythonInt(text), text).toBe(false);
    expect(isIntegralFloat('2.0')).toBe(true);
    expect(isIntegralFloat('1e20')).toBe(true);
    expect(isIntegralFloat('1.5')).toBe(false);
  });
});
