/**
 * A test-only DICOM encoder: builds Part 10 files and datasets byte by byte, in any of the
 * native encodings, so reader tests can state exactly what is on disk (including things a
 * conformant writer would never produce). Not radkit's writer; that comes with Step 5.
 */

export type Encoding = 'explicit-le' | 'implicit-le' | 'explicit-be';

/** An element to encode: a value as bytes, text, numbers, items, or fragments. */
export type ElementSpec =
  | { tag: number; vr: string; text: string }
  | { tag: number; vr: string; bytes: Uint8Array; undefinedLength?: boolean }
  | { tag: number; vr: 'US' | 'SS' | 'UL' | 'SL' | 'FL' | 'FD'; numbers: number[] }
  | { tag: number; vr: string; items: ElementSpec[][]; undefinedLength?: boolean; undefinedItems?: boolean }
  | { tag: number; vr: string; fragments: Uint8Array[] };

const longVRs = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

class Writer {
  readonly chunks: Uint8Array[] = [];
  constructor(readonly littleEndian: boolean) {}
  u16(value: number): void {
    const b = new Uint8Array(2);
    new DataView(b.buffer).setUint16(0, value, this.littleEndian);
    this.chunks.push(b);
  }
  u32(value: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, value >>> 0, this.littleEndian);
    this.chunks.push(b);
  }
  raw(bytes: Uint8Array): void {
    this.chunks.push(bytes);
  }
  tag(tag: number): void {
    this.u16(tag >>> 16);
    this.u16(tag & 0xffff);
  }
}

export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function textBytes(vr: string, text: string): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length % 2 === 0) return bytes;
  // Pad to even length (PS3.5 §7.1.1): UI with NUL, other strings with a space.
  return concat([bytes, new Uint8Array([vr === 'UI' ? 0 : 0x20])]);
}

function numberBytes(vr: string, numbers: number[], littleEndian: boolean): Uint8Array {
  const size = { US: 2, SS: 2, UL: 4, SL: 4, FL: 4, FD: 8 }[vr] ?? 2;
  const out = new Uint8Array(size * numbers.length);
  const view = new DataView(out.buffer);
  numbers.forEach((n, i) => {
    const at = i * size;
    if (vr === 'US') view.setUint16(at, n, littleEndian);
    else if (vr === 'SS') view.setInt16(at, n, littleEndian);
    else if (vr === 'UL') view.setUint32(at, n, littleEndian);
    else if (vr === 'SL') view.setInt32(at, n, littleEndian);
    else if (vr === 'FL') view.setFloat32(at, n, littleEndian);
    else view.setFloat64(at, n, littleEndian);
  });
  return out;
}

function header(w: Writer, tag: number, vr: string, length: number, encoding: Encoding): void {
  w.tag(tag);
  if (encoding === 'implicit-le') {
    w.u32(length);
    return;
  }
  w.raw(new TextEncoder().encode(vr));
  if (longVRs.has(vr)) {
    w.u16(0);
    w.u32(length);
  } else {
    w.u16(length);
  }
}

/** Encode elements (in the order given) as a dataset. */
export function encodeDataset(elements: readonly ElementSpec[], encoding: Encoding): Uint8Array {
  const w = new Writer(encoding !== 'explicit-be');
  for (const element of elements) {
    if ('items' in element) {
      const items = element.items.map((item) => encodeDataset(item, encoding));
      const body = new Writer(encoding !== 'explicit-be');
      for (const item of items) {
        body.tag(0xfffee000);
        body.u32(element.undefinedItems === true ? 0xffffffff : item.length);
        body.raw(item);
        if (element.undefinedItems === true) {
          body.tag(0xfffee00d);
          body.u32(0);
        }
      }
      if (element.undefinedLength === true) {
        body.tag(0xfffee0dd);
        body.u32(0);
      }
      const bytes = concat(body.chunks);
      header(
        w,
        element.tag,
        element.vr,
        element.undefinedLength === true ? 0xffffffff : bytes.length,
        encoding,
      );
      w.raw(bytes);
    } else if ('fragments' in element) {
      header(w, element.tag, element.vr, 0xffffffff, encoding);
      for (const fragment of element.fragments) {
        w.tag(0xfffee000);
        w.u32(fragment.length);
        w.raw(fragment);
      }
      w.tag(0xfffee0dd);
      w.u32(0);
    } else {
      let bytes: Uint8Array;
      if ('text' in element) bytes = textBytes(element.vr, element.text);
      else if ('numbers' in element)
        bytes = numberBytes(element.vr, element.numbers, encoding !== 'explicit-be');
      else bytes = element.bytes;
      const undefinedLength = 'undefinedLength' in element && element.undefinedLength === true;
      header(w, element.tag, element.vr, undefinedLength ? 0xffffffff : bytes.length, encoding);
      w.raw(bytes);
    }
  }
  return concat(w.chunks);
}

const transferSyntaxUIDs: Record<Encoding, string> = {
  'explicit-le': '1.2.840.10008.1.2.1',
  'implicit-le': '1.2.840.10008.1.2',
  'explicit-be': '1.2.840.10008.1.2.2',
};

/** A Part 10 file: preamble, 'DICM', a complete file meta group, and the dataset. */
export function encodePart10(
  elements: readonly ElementSpec[],
  encoding: Encoding,
  options: { transferSyntaxUID?: string; datasetBytes?: Uint8Array } = {},
): Uint8Array {
  const meta = encodeDataset(
    [
      { tag: 0x00020001, vr: 'OB', bytes: new Uint8Array([0, 1]) },
      { tag: 0x00020002, vr: 'UI', text: '1.2.840.10008.5.1.4.1.1.7' },
      { tag: 0x00020003, vr: 'UI', text: '1.2.3.4.5' },
      { tag: 0x00020010, vr: 'UI', text: options.transferSyntaxUID ?? transferSyntaxUIDs[encoding] },
      { tag: 0x00020012, vr: 'UI', text: '1.2.3.999' },
    ],
    'explicit-le',
  );
  const groupLength = encodeDataset([{ tag: 0x00020000, vr: 'UL', numbers: [meta.length] }], 'explicit-le');
  const prefix = new Uint8Array(132);
  prefix.set(new TextEncoder().encode('DICM'), 128);
  return concat([prefix, groupLength, meta, options.datasetBytes ?? encodeDataset(elements, encoding)]);
}
