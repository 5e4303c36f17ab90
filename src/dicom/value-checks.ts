/**
 * Checks of decoded string values against PS3.5 §6.2 (Table 6.2-1): maximum lengths and the
 * character patterns of the structured VRs. A value that fails is still returned as read; the
 * failure becomes an 'invalid-value' Issue, since real files break these rules often (GE puts
 * text in DS elements, old software writes ACR-NEMA times like 09:11:02.000) and the reader's
 * job is to say so, not to refuse.
 */
import type { ElementVR } from './vr.js';

/** Maximum length in characters (PS3.5 Table 6.2-1); PN's limit is per component group. */
const maxLength: Readonly<Partial<Record<ElementVR, number>>> = {
  AE: 16,
  AS: 4,
  CS: 16,
  DA: 8,
  DS: 16,
  DT: 26,
  IS: 12,
  LO: 64,
  LT: 10240,
  PN: 64,
  SH: 16,
  ST: 1024,
  TM: 14,
  UI: 64,
};

const patterns: Readonly<Partial<Record<ElementVR, { readonly pattern: RegExp; readonly what: string }>>> = {
  AS: { pattern: /^\d{3}[DWMY]$/, what: 'nnnD, nnnW, nnnM or nnnY' },
  CS: { pattern: /^[A-Z0-9_ ]*$/, what: 'upper-case letters, digits, space and underscore' },
  DA: { pattern: /^\d{8}$/, what: 'YYYYMMDD' },
  DS: { pattern: /^ *[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)? *$/, what: 'a decimal number' },
  IS: { pattern: /^ *[+-]?\d+ *$/, what: 'an integer' },
  TM: { pattern: /^\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)? *$/, what: 'HH[MM[SS[.FFFFFF]]]' },
  UI: { pattern: /^[0-9.]+$/, what: 'digits and dots' },
};

/**
 * The first way `values` of `vr` break PS3.5, as a sentence, or undefined when they are valid.
 * Empty values are always valid (a null component of a multi-valued element).
 */
export function checkStringValues(vr: ElementVR, values: readonly string[]): string | undefined {
  const limit = maxLength[vr];
  const rule = patterns[vr];
  for (const value of values) {
    if (value === '') continue;
    if (limit !== undefined) {
      const longest = vr === 'PN' ? Math.max(...value.split('=').map((group) => group.length)) : value.length;
      if (longest > limit) return `value '${shorten(value)}' is ${longest} characters; ${vr} allows ${limit}`;
    }
    if (rule !== undefined && !rule.pattern.test(value)) {
      return `value '${shorten(value)}' is not ${rule.what} as ${vr} requires`;
    }
    if (vr === 'IS') {
      const number = Number(value);
      if (number < -(2 ** 31) || number > 2 ** 31 - 1)
        return `value ${value} is outside IS's range (a signed 32-bit integer)`;
    }
  }
  return undefined;
}

function shorten(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}...` : value;
}
