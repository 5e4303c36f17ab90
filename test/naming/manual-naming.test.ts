/**
 * `<prefix>_ManualNaming.json` (seed-features.md §1.4.6): reading with shape checks, and writing
 * in the QA webapp's layout (indent 4, sorted keys, each value on one line, ASCII only).
 */
import { describe, expect, it } from 'vitest';
import { formatManualNaming, ManualNamingError, readManualNaming } from '../../src/naming/index.js';

// What radifox-qa's save_manual writes for these entries (json.dumps with NoIndent values).
const webappText = `{
    "dcm/1.2.840.1.01": ["BRAIN", null, null, null, null, "POST"],
    "dcm/1.2.840.2.01": false,
    "dcm/1.2.840.3.02": [null, "FLAIR", null, null, null, null, "ECHO1"]
}`;

describe('ManualNaming.json', () => {
  it('reads the spec example', () => {
    const names = readManualNaming(
      '{"dcm/1.2.840.1.01": ["BRAIN", null, null, null, null, "POST"], "dcm/1.2.840.2.01": false}',
    );
    expect(names['dcm/1.2.840.1.01']).toEqual(['BRAIN', null, null, null, null, 'POST']);
    expect(names['dcm/1.2.840.2.01']).toBe(false);
    expect(names['dcm/other']).toBeUndefined();
    // Keys are data: an object's inherited names are not entries.
    expect(names.constructor).toBeUndefined();
  });

  it('round-trips byte for byte in the webapp layout, keys sorted', () => {
    expect(formatManualNaming(readManualNaming(webappText))).toBe(webappText);
    const unsorted = { 'dcm/b.01': false, 'dcm/a.01': ['SPINE'] } as const;
    expect(formatManualNaming(unsorted)).toBe('{\n    "dcm/a.01": ["SPINE"],\n    "dcm/b.01": false\n}');
    expect(formatManualNaming({})).toBe('{}');
  });

  it('escapes as Python json.dumps does (ensure_ascii) and sorts keys by code point', () => {
    const names = { 'dcm/\u{1f600}': ['T\u00c9'], 'dcm/\uffff': false, 'dcm/\u00e9"': false } as const;
    // U+FFFF sorts before U+1F600 by code point, after it by UTF-16 unit (0xD83D).
    const expected = [
      '{',
      '    "dcm/\\u00e9\\"": false,',
      '    "dcm/\\uffff": false,',
      '    "dcm/\\ud83d\\ude00": ["T\\u00c9"]',
      '}',
    ].join('\n');
    expect(formatManualNaming(names)).toBe(expected);
    expect(readManualNaming(expected)).toEqual(names);
  });

  it.each([
    ['not JSON', '{"dcm/1": [', /is not valid JSON/],
    ['a list at the top', '[]', /holds a list, not an object/],
    ['true for a series', '{"dcm/1": true}', /value of 'dcm\/1' is true/],
    ['a number field', '{"dcm/1": [1, null]}', /field 1 of 'dcm\/1' is 1/],
    ['an empty field', '{"dcm/1": ["", null]}', /field 1 of 'dcm\/1' is ""/],
    ['a field with a name separator', '{"dcm/1": [null, "T1-FLAIR"]}', /field 2 of 'dcm\/1' is "T1-FLAIR"/],
    ['a field with a dot', '{"dcm/1": [null, null, null, null, null, null, "5.0"]}', /field 7/],
  ])('refuses %s with a typed error', (_case, text, message) => {
    const read = () => readManualNaming(text, 'S_1_ManualNaming.json');
    expect(read).toThrow(ManualNamingError);
    expect(read).toThrow(message);
  });
});
