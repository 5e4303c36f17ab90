/**
 * `encodeDataset` on hand-built data: every native encoding against the test builder's bytes
 * (an independent encoder, test/builders/dicom-bytes.ts), each length form of sequences and
 * items kept, encapsulated Pixel Data, group lengths, byte order, deflate, and the faults.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  encodeDataset as buildDataset,
  type ElementSpec,
  type Encoding,
  encodePart10,
} from '../../../test/builders/dicom-bytes.js';
import { getItems, getString } from '../accessors.js';
import { DataElement } from '../data-element.js';
import { Dataset } from '../dataset.js';
import { UnsupportedTransferSyntaxError } from '../errors.js';
import { readDicom } from '../read-dicom.js';
import { encodeDataset } from './encode-dataset.js';
import { DicomWriteError } from './errors.js';

const uids: Record<Encoding, string> = {
  'explicit-le': '1.2.840.10008.1.2.1',
  'implicit-le': '1.2.840.10008.1.2',
  'explicit-be': '1.2.840.10008.1.2.2',
};
const encodings = Object.keys(uids) as Encoding[];
const deflate = (bytes: Uint8Array) => new Uint8Array(deflateRawSync(bytes));
const inflateRaw = (bytes: Uint8Array) => new Uint8Array(inflateRawSync(bytes));

function dataset(elements: readonly DataElement[]): Dataset {
  const out = new Dataset();
  for (const element of elements) out.set(element);
  return out;
}

/** The dataset part of a file the builder made, read back. */
function readBuilt(elements: readonly ElementSpec[], encoding: Encoding) {
  const body = buildDataset(elements, encoding);
  return { body, file: readDicom(encodePart10(elements, encoding)) };
}

const item = (elements: readonly DataElement[]) => dataset(elements);

const inMemory = () =>
  dataset([
    DataElement.fromValues(0x00080016, 'UI', ['1.2.840.10008.5.1.4.1.1.7']),
    DataElement.fromValues(0x00080060, 'CS', ['MR']),
    DataElement.fromValues(0x00081140, 'SQ', [
      item([DataElement.fromValues(0x00081150, 'UI', ['1.2.3'])]),
      item([DataElement.fromValues(0x00081155, 'UI', ['1.2.34'])]),
    ]),
    DataElement.fromValues(0x00100010, 'PN', ['Doe^Jane']),
    DataElement.fromValues(0x00200032, 'DS', ['-12.5', '3', '40']),
    DataElement.fromValues(0x00280010, 'US', [512]),
    DataElement.fromValues(0x00281052, 'DS', ['-1024']),
    DataElement.fromValues(0x00189087, 'FD', [1000.5]),
    DataElement.fromValues(0x00189089, 'FD', [0.5, -0.25, 1]),
    DataElement.fromValues(0x00431039, 'SL', [-7, 70000]),
    DataElement.fromValues(0x00540081, 'US', [1, 65535]),
    DataElement.fromValues(0x7fe00010, 'OB', [new Uint8Array([1, 2, 3])]),
  ]);

/** The same dataset as the builder writes it. */
const builderSpec: ElementSpec[] = [
  { tag: 0x00080016, vr: 'UI', text: '1.2.840.10008.5.1.4.1.1.7' },
  { tag: 0x00080060, vr: 'CS', text: 'MR' },
  {
    tag: 0x00081140,
    vr: 'SQ',
    items: [[{ tag: 0x00081150, vr: 'UI', text: '1.2.3' }], [{ tag: 0x00081155, vr: 'UI', text: '1.2.34' }]],
  },
  { tag: 0x00100010, vr: 'PN', text: 'Doe^Jane' },
  { tag: 0x00189087, vr: 'FD', numbers: [1000.5] },
  { tag: 0x00189089, vr: 'FD', numbers: [0.5, -0.25, 1] },
  { tag: 0x00200032, vr: 'DS', text: '-12.5\\3\\40' },
  { tag: 0x00280010, vr: 'US', numbers: [512] },
  { tag: 0x00281052, vr: 'DS', text: '-1024' },
  { tag: 0x00431039, vr: 'SL', numbers: [-7, 70000] },
  { tag: 0x00540081, vr: 'US', numbers: [1, 65535] },
  { tag: 0x7fe00010, vr: 'OB', bytes: new Uint8Array([1, 2, 3, 0]) },
];

describe('encodeDataset: values made in memory', () => {
  it.each(encodings)('writes %s as the independent builder does (padding, order, nesting)', (encoding) => {
    const bytes = encodeDataset(inMemory(), { transferSyntaxUID: uids[encoding] });
    expect(Array.from(bytes)).toEqual(Array.from(buildDataset(builderSpec, encoding)));
  });

  it('pads UI with NUL, other text with a space, odd OB with NUL (PS3.5 §6.2)', () => {
    const bytes = encodeDataset(
      dataset([
        DataElement.fromValues(0x00080018, 'UI', ['1.2.3']),
        DataElement.fromValues(0x0008103e, 'LO', ['abc']),
        DataElement.fromValues(0x00091001, 'OB', [new Uint8Array([7])]),
      ]),
      { transferSyntaxUID: uids['implicit-le'] },
    );
    expect(Array.from(bytes.subarray(8, 14))).toEqual([0x31, 0x2e, 0x32, 0x2e, 0x33, 0x00]);
    expect(Array.from(bytes.subarray(22, 26))).toEqual([0x61, 0x62, 0x63, 0x20]);
    expect(Array.from(bytes.subarray(34, 36))).toEqual([7, 0]);
  });

  it('writes AT as group then element words, and OW/SV in the stream order', () => {
    const ds = dataset([
      DataElement.fromValues(0x00209165, 'AT', [0x00209111]),
      DataElement.fromValues(0x00660040, 'SV', [-2n]),
      DataElement.fromValues(0x7fe00010, 'OW', [new Uint8Array([0x34, 0x12])]),
    ]);
    const le = encodeDataset(ds, { transferSyntaxUID: uids['explicit-le'] });
    const be = encodeDataset(ds, { transferSyntaxUID: uids['explicit-be'] });
    expect(Array.from(le.subarray(8, 12))).toEqual([0x20, 0x00, 0x11, 0x91]);
    expect(Array.from(be.subarray(8, 12))).toEqual([0x00, 0x20, 0x91, 0x11]);
    expect(Array.from(be.subarray(24, 32))).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]);
    // OW values are held little endian and swapped word by word for big endian (PS3.5 §7.3).
    expect(Array.from(le.subarray(-2))).toEqual([0x34, 0x12]);
    expect(Array.from(be.subarray(-2))).toEqual([0x12, 0x34]);
  });

  it('gives a new sequence defined lengths, and keeps the undefined ones it read', () => {
    const spec: ElementSpec[] = [
      {
        tag: 0x00081140,
        vr: 'SQ',
        undefinedLength: true,
        undefinedItems: true,
        items: [[{ tag: 0x00081150, vr: 'UI', text: '1.2' }], []],
      },
      {
        tag: 0x00082112,
        vr: 'SQ',
        items: [
          [
            { tag: 0x00081150, vr: 'UI', text: '1.2.3' },
            {
              tag: 0x00089215,
              vr: 'SQ',
              undefinedLength: true,
              items: [[{ tag: 0x00080100, vr: 'SH', text: '121327' }]],
            },
          ],
        ],
      },
      { tag: 0x00100010, vr: 'PN', text: 'A^B' },
    ];
    for (const encoding of encodings) {
      const { body, file } = readBuilt(spec, encoding);
      expect(Array.from(encodeDataset(file.dataset, { transferSyntaxUID: uids[encoding] }))).toEqual(
        Array.from(body),
      );
    }
  });

  it('keeps each item its own length form, also when an item is empty or holds a delimited sequence', () => {
    // Mixed forms in one sequence cannot come from the builder: splice an undefined-length
    // item between two defined ones by hand.
    const inner = buildDataset(
      [{ tag: 0x00089215, vr: 'SQ', undefinedLength: true, undefinedItems: true, items: [[], []] }],
      'explicit-le',
    );
    const u32 = (n: number) => new Uint8Array(new Uint32Array([n]).buffer);
    const itemTag = new Uint8Array([0xfe, 0xff, 0x00, 0xe0]);
    const itemEnd = new Uint8Array([0xfe, 0xff, 0x0d, 0xe0, 0, 0, 0, 0]);
    const items = [
      itemTag,
      u32(0),
      itemTag,
      u32(0xffffffff),
      inner,
      itemEnd,
      itemTag,
      u32(0xffffffff),
      itemEnd,
    ];
    const value = new Uint8Array(items.reduce((sum, part) => sum + part.length, 0));
    let at = 0;
    for (const part of items) {
      value.set(part, at);
      at += part.length;
    }
    // The item headers are found in the stream the dataset's other elements were read from.
    const modality = buildDataset([{ tag: 0x00080060, vr: 'CS', text: 'MR' }], 'explicit-le');
    const header = new Uint8Array([0x08, 0x00, 0x40, 0x11, 0x53, 0x51, 0, 0, ...u32(value.length)]);
    const body = new Uint8Array([...modality, ...header, ...value]);
    const file = readDicom(encodePart10([], 'explicit-le', { datasetBytes: body }));
    expect(getItems(file.dataset, 0x00081140)).toHaveLength(3);
    expect(Array.from(encodeDataset(file.dataset, { transferSyntaxUID: uids['explicit-le'] }))).toEqual(
      Array.from(body),
    );
  });

  it('writes encapsulated Pixel Data as items: offset table, fragments as held, delimiter', () => {
    const fragments = [new Uint8Array(0), new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), new Uint8Array([1, 2])];
    const spec: ElementSpec[] = [
      { tag: 0x00280010, vr: 'US', numbers: [1] },
      { tag: 0x7fe00010, vr: 'OB', fragments },
    ];
    const body = buildDataset(spec, 'explicit-le');
    const file = readDicom(
      encodePart10(spec, 'explicit-le', { transferSyntaxUID: '1.2.840.10008.1.2.4.50' }),
    );
    const out = encodeDataset(file.dataset, { transferSyntaxUID: '1.2.840.10008.1.2.4.50' });
    expect(Array.from(out)).toEqual(Array.from(body));
    const made = dataset([
      DataElement.fromParsed(0x7fe00010, 'OB', fragments, {
        valueOffset: 0,
        valueLength: 0xffffffff,
        encapsulated: true,
      }),
    ]);
    expect(Array.from(encodeDataset(made, { transferSyntaxUID: '1.2.840.10008.1.2.5' }))).toEqual(
      Array.from(buildDataset([{ tag: 0x7fe00010, vr: 'OB', fragments }], 'explicit-le')),
    );
  });

  it('refuses fragments in a native syntax and native pixels in an encapsulated one', () => {
    const fragments = [new Uint8Array(0), new Uint8Array([1, 2])];
    const encapsulated = dataset([
      DataElement.fromParsed(0x7fe00010, 'OB', fragments, {
        valueOffset: 0,
        valueLength: 0xffffffff,
        encapsulated: true,
      }),
    ]);
    expect(() => encodeDataset(encapsulated, { transferSyntaxUID: uids['explicit-le'] })).toThrow(
      /\(7FE0,0010\) PixelData: the value is encapsulated .*Explicit VR Little Endian.*decode the frames/,
    );
    const native = dataset([DataElement.fromValues(0x7fe00010, 'OW', [new Uint8Array(4)])]);
    expect(() => encodeDataset(native, { transferSyntaxUID: '1.2.840.10008.1.2.4.90' })).toThrow(
      DicomWriteError,
    );
  });

  it('recomputes group lengths: a wrong one is corrected, an added element counted', () => {
    const spec: ElementSpec[] = [
      { tag: 0x00080000, vr: 'UL', numbers: [999] },
      { tag: 0x00080060, vr: 'CS', text: 'MR' },
      { tag: 0x00100010, vr: 'PN', text: 'A^B' },
    ];
    const { file } = readBuilt(spec, 'explicit-le');
    const out = readDicom(
      encodePart10([], 'explicit-le', {
        datasetBytes: encodeDataset(file.dataset, { transferSyntaxUID: uids['explicit-le'] }),
      }),
    );
    expect(out.dataset.get(0x00080000)!.values).toEqual([10]);
    file.dataset.set(DataElement.fromValues(0x00080070, 'LO', ['ACME']));
    const grown = encodeDataset(file.dataset, { transferSyntaxUID: uids['implicit-le'] });
    // Implicit VR: (0008,0060) 8 + 2 bytes, the new (0008,0070) 8 + 4.
    expect(new DataView(grown.buffer).getUint32(8, true)).toEqual(8 + 2 + (8 + 4));
  });

  it('deflates through the given deflater, padding an odd stream with one NUL (PS3.5 §A.5)', () => {
    const ds = inMemory();
    const out = encodeDataset(ds, { transferSyntaxUID: '1.2.840.10008.1.2.1.99', deflate });
    expect(out.length % 2).toBe(0);
    const plain = encodeDataset(ds, { transferSyntaxUID: uids['explicit-le'] });
    expect(Array.from(inflateRaw(out))).toEqual(Array.from(plain));
    const odd = encodeDataset(ds, {
      transferSyntaxUID: '1.2.840.10008.1.2.1.99',
      deflate: () => new Uint8Array([1, 2, 3]),
    });
    expect(Array.from(odd)).toEqual([1, 2, 3, 0]);
    expect(() => encodeDataset(ds, { transferSyntaxUID: '1.2.840.10008.1.2.1.99' })).toThrow(
      /no deflater was given.*options\.deflate/,
    );
  });

  it('returns new memory: large values are copied once, not shared with the dataset', () => {
    const pixels = new Uint8Array(100_000).fill(7);
    const out = encodeDataset(dataset([DataElement.fromValues(0x7fe00010, 'OB', [pixels])]), {
      transferSyntaxUID: uids['explicit-le'],
    });
    expect(out.length).toBe(12 + 100_000);
    out.fill(0);
    expect(pixels.every((byte) => byte === 7)).toBe(true);
  });

  it('refuses a transfer syntax it does not know', () => {
    expect(() => encodeDataset(inMemory(), { transferSyntaxUID: '1.2.3.4' })).toThrow(
      UnsupportedTransferSyntaxError,
    );
  });
});

describe('encodeDataset: elements read from a file', () => {
  it('writes stored values back as they were, UN included, and swaps them for the other byte order', () => {
    // (0028,0010) Rows stored as explicit UN: the reader gives it VR US (PS3.5 §6.2.2).
    const spec: ElementSpec[] = [
      { tag: 0x00200032, vr: 'DS', text: '1.50\\2\\3 ' },
      { tag: 0x00280010, vr: 'UN', bytes: new Uint8Array([0x00, 0x02]) },
    ];
    const { body, file } = readBuilt(spec, 'explicit-le');
    expect(file.dataset.get(0x00280010)!.vr).toBe('US');
    expect(Array.from(encodeDataset(file.dataset, { transferSyntaxUID: uids['explicit-le'] }))).toEqual(
      Array.from(body),
    );
    const be = readDicom(
      encodePart10([], 'explicit-be', {
        datasetBytes: encodeDataset(file.dataset, { transferSyntaxUID: uids['explicit-be'] }),
      }),
    );
    expect(be.dataset.get(0x00280010)!.vr).toBe('US');
    expect(be.dataset.get(0x00280010)!.values).toEqual([512]);
    expect(getString(be.dataset, 'ImagePositionPatient')).toBe('1.50');
  });

  it('re-encodes stored text when (0008,0005) changes, and keeps it when it does not', () => {
    const spec: ElementSpec[] = [
      { tag: 0x00080005, vr: 'CS', text: 'ISO_IR 100' },
      { tag: 0x00100010, vr: 'PN', bytes: new Uint8Array([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]) },
    ];
    const { body, file } = readBuilt(spec, 'explicit-le');
    expect(Array.from(encodeDataset(file.dataset, { transferSyntaxUID: uids['explicit-le'] }))).toEqual(
      Array.from(body),
    );
    file.dataset.set(DataElement.fromValues(0x00080005, 'CS', ['ISO_IR 192']));
    const out = encodeDataset(file.dataset, { transferSyntaxUID: uids['explicit-le'] });
    const reread = readDicom(encodePart10([], 'explicit-le', { datasetBytes: out }));
    expect(getString(reread.dataset, 'PatientName')).toBe('Müller');
    expect(Array.from(out.subarray(-8))).toEqual([0x4d, 0xc3, 0xbc, 0x6c, 0x6c, 0x65, 0x72, 0x20]);
  });
});

describe('encodeDataset: faults', () => {
  it('refuses a value too long for a 16-bit length, saying where and what to do', () => {
    const long = dataset([DataElement.fromValues(0x0008103e, 'LO', ['x'.repeat(70_000)])]);
    let error: unknown;
    try {
      encodeDataset(long, { transferSyntaxUID: uids['explicit-le'] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DicomWriteError);
    const message = (error as DicomWriteError).message;
    expect(message).toContain('(0008,103E) SeriesDescription: the value is 70000 bytes');
    expect(message).toContain('VR LO has a 16-bit length');
    expect((error as DicomWriteError).hint).toMatch(/UT or UC.*Implicit VR Little Endian/);
    // Implicit VR lengths are 32-bit: the same value fits.
    expect(encodeDataset(long, { transferSyntaxUID: uids['implicit-le'] }).length).toBe(8 + 70_000);
  });

  it('names the element inside its sequence item', () => {
    const nested = dataset([
      DataElement.fromValues(0x00400275, 'SQ', [
        item([]),
        item([DataElement.fromValues(0x00400007, 'LO', ['y'.repeat(66_000)])]),
      ]),
    ]);
    expect(() => encodeDataset(nested, { transferSyntaxUID: uids['explicit-le'] })).toThrow(
      '(0040,0275) RequestAttributesSequence[1] > (0040,0007) ScheduledProcedureStepDescription: the value is 66000 bytes',
    );
  });
});
