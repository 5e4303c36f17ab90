import { describe, expect, it } from 'vitest';
import { DataElement } from '../../dicom/index.js';
import { elementNumbers, elementText, latin1 } from './private-values.js';
import type { VendorIssue } from './vendor-issue.js';

describe('private values', () => {
  it('decodes UN bytes as the binary VR the caller expects, or as text', () => {
    const fd = new Uint8Array(new Float64Array([24.414, -1]).buffer);
    const issues: VendorIssue[] = [];
    expect(elementNumbers(DataElement.fromValues(0x00191028, 'UN', [fd]), issues, 'FD')).toEqual([
      24.414, -1,
    ]);
    const text = new TextEncoder().encode('1000\\8\\0\\0 ');
    expect(elementNumbers(DataElement.fromValues(0x00431039, 'UN', [text]), issues)).toEqual([1000, 8, 0, 0]);
    expect(elementNumbers(DataElement.fromValues(0x00431039, 'IS', ['1000', '8']), issues)).toEqual([
      1000, 8,
    ]);
    expect(issues).toEqual([]);
  });

  it('reports text that is not a number', () => {
    const issues: VendorIssue[] = [];
    expect(elementNumbers(DataElement.fromValues(0x00191014, 'IS', ['0', 'x']), issues)).toBeUndefined();
    expect(issues[0]).toMatchObject({ code: 'private-value-malformed', where: { tag: '(0019,1014)' } });
  });

  it('reads text values and Latin-1 bytes', () => {
    expect(
      elementText(DataElement.fromValues(0x0051100f, 'UN', [new Uint8Array([0x54, 0x3a, 0x48, 0, 0x20])])),
    ).toBe('T:H');
    expect(latin1(new Uint8Array([0x41, 0xe9, 0x80]))).toBe('A\u00e9\u0080');
  });

  it('decodes short and long texts alike: one code point per byte, all 256 of them', () => {
    for (const length of [0, 1, 255, 256, 512, 513, 4096, 300_000]) {
      const bytes = Uint8Array.from({ length }, (_, index) => (index * 131 + 7) % 256);
      const text = latin1(bytes);
      expect(text.length).toBe(length);
      expect([...text].every((character, index) => character.charCodeAt(0) === bytes[index])).toBe(true);
    }
  });
});
