/**
 * Text values to bytes under a Specific Character Set (0008,0005) (PS3.5 §6.1).
 *
 * Only LO, LT, PN, SH, ST, UC and UT are written in the dataset's character set; every other
 * text VR takes the default repertoire only (PS3.5 §6.1.2.3). radkit writes the default
 * repertoire (ISO 646, i.e. ASCII), ISO_IR 100 (Latin-1) and ISO_IR 192 (UTF-8). ASCII text is
 * valid under every character set, because each value starts with G0 = ISO 646 invoked (PS3.5
 * §6.1.2.5.3), so only text beyond ASCII needs one of the three and fails under any other.
 */
import { charsetDecodedVRs, type ElementVR } from '../vr.js';
import { DicomWriteError, UnsupportedCharacterSetError } from './errors.js';

type Repertoire = 'ascii' | 'latin-1' | 'utf-8';

/** Value 1 of (0008,0005) → how radkit writes text beyond ASCII; absent: radkit cannot. */
const repertoires: Readonly<Record<string, Repertoire>> = {
  '': 'ascii',
  // Not a defined term, but readers (pydicom, radkit) take it for the default repertoire.
  'ISO_IR 6': 'ascii',
  'ISO 2022 IR 6': 'ascii',
  'ISO_IR 100': 'latin-1',
  // With code extensions, value 1's set is the one invoked at the start of every value.
  'ISO 2022 IR 100': 'latin-1',
  'ISO_IR 192': 'utf-8',
};

const utf8 = new TextEncoder();

function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** Index of the first character above `limit`, or -1. */
function firstAbove(text: string, limit: number): number {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > limit) return i;
  return -1;
}

function describeCharacter(text: string, at: number): string {
  const code = text.codePointAt(at)!;
  return `'${String.fromCodePoint(code)}' (U+${code.toString(16).toUpperCase().padStart(4, '0')}) at position ${at}`;
}

/**
 * The bytes of `text` (the element's values already joined with '\') for an element of VR `vr`
 * in a dataset whose (0008,0005) values are `terms`. `path` names the element for errors.
 */
export function encodeText(
  text: string,
  vr: ElementVR,
  terms: readonly string[],
  path: () => string,
): Uint8Array {
  const beyondAscii = firstAbove(text, 0x7f);
  if (beyondAscii < 0) return asciiBytes(text);
  if (!charsetDecodedVRs.has(vr)) {
    throw new DicomWriteError(
      `VR ${vr} takes the default repertoire only (PS3.5 §6.1.2.3), but the value has ${describeCharacter(text, beyondAscii)}`,
      path(),
      { hint: `Write ${vr} values with ASCII characters only.` },
    );
  }
  const charset = terms.join('\\');
  const repertoire = repertoires[terms[0] ?? ''];
  if (repertoire === undefined) {
    throw new UnsupportedCharacterSetError(
      charset,
      `the value has ${describeCharacter(text, beyondAscii)}, and radkit cannot write text in Specific Character Set '${charset}' (it writes the default repertoire, ISO_IR 100 and ISO_IR 192)`,
      path(),
      "Set (0008,0005) SpecificCharacterSet to 'ISO_IR 192' (UTF-8) and write the text values again, or use ASCII text.",
    );
  }
  if (repertoire === 'utf-8') return utf8.encode(text);
  const limit = repertoire === 'latin-1' ? 0xff : 0x7f;
  const outside = firstAbove(text, limit);
  if (outside >= 0) {
    const named = charset === '' ? 'the default repertoire (no (0008,0005))' : `'${charset}'`;
    throw new UnsupportedCharacterSetError(
      charset,
      `${describeCharacter(text, outside)} is not in ${named}`,
      path(),
      "Set (0008,0005) SpecificCharacterSet to 'ISO_IR 192' (UTF-8), or 'ISO_IR 100' for Western European text.",
    );
  }
  // Latin-1 code points are the bytes.
  return asciiBytes(text);
}
