/**
 * The reader on hand-built bytes: each encoding, each nesting form, each lenient rule, each
 * fault. Byte layouts come from test/builders/dicom-bytes.ts.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  concat,
  type ElementSpec,
  type Encoding,
  encodeDataset,
  encodePart10,
} from '../../test/builders/dicom-bytes.js';
import { getItems, getNumber, getNumbers, getString, getStrings } from './accessors.js';
import type { Dataset } from './dataset.js';
import { DicomParseError, NotDicomError, UnsupportedTransferSyntaxError } from './errors.js';
import { readDicom } from './read-dicom.js';
import { NeedMoreBytes } from './read-state.js';

const inflateRaw = (bytes: Uint8Array) => new Uint8Array(inflateRawSync(bytes));
const encodings: Encoding[] = ['explicit-le', 'implicit-le', 'explicit-be'];

function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

const patient: ElementSpec[] = [
  { tag: 0x00080005, vr: 'CS', text: 'ISO_IR 100' },
  { tag: 0x00080060, vr: 'CS', text: 'MR' },
  { tag: 0x00100010, vr: 'PN', bytes: latin1('Müller^Jörg ') },
  { tag: 0x00200032, vr: 'DS', text: '-12.5\\3\\40' },
  { tag: 0x00280010, vr: 'US', numbers: [512] },
  { tag: 0x00281052, vr: 'DS', text: '-1024' },
];

describe('readDicom', () => {
  it.each(encodings)('reads %s: strings, DS, US and charset-decoded PN', (encoding) => {
    const file = readDicom(encodePart10(patient, encoding));
    expect(file.issues).toEqual([]);
    expect(file.transferSyntax.explicitVR).toBe(encoding !== 'implicit-le');
    expect(file.transferSyntax.littleEndian).toBe(encoding !== 'explicit-be');
    expect(getString(file.dataset, 'PatientName')).toBe('Müller^Jörg');
    expect(getNumbers(file.dataset, 'ImagePositionPatient', 3)).toEqual([-12.5, 3, 40]);
    expect(getNumber(file.dataset, 'Rows')).toBe(512);
    expect(file.dataset.get(0x00280010)?.vr).toBe('US');
    expect(getString(file.meta, 'MediaStorageSOPInstanceUID')).toBe('1.2.3.4.5');
  });

  it('hands out OW values little endian whatever the stream order (PS3.5 §7.3)', () => {
    const words = new Uint8Array([0x12, 0x34, 0xab, 0xcd]);
    const file = readDicom(encodePart10([{ tag: 0x7fe00010, vr: 'OW', bytes: words }], 'explicit-be'));
    expect(Array.from(file.dataset.get(0x7fe00010)!.values[0] as Uint8Array)).toEqual([
      0x34, 0x12, 0xcd, 0xab,
    ]);
  });

  it.each(encodings)('reads %s sequences of defined and undefined length with nested items', (encoding) => {
    const inner = [{ tag: 0x00080100, vr: 'SH', text: 'T-A0100' }];
    const elements = [
      {
        tag: 0x00081140,
        vr: 'SQ',
        undefinedLength: true,
        undefinedItems: true,
        items: [
          [{ tag: 0x00081150, vr: 'UI', text: '1.2.3' }],
          [{ tag: 0x00081155, vr: 'UI', text: '4.5.6' }],
        ],
      },
      {
        tag: 0x00082218,
        vr: 'SQ',
        items: [
          [
            { tag: 0x00080104, vr: 'LO', text: 'Brain' },
            { tag: 0x00082228, vr: 'SQ', items: [inner] },
          ],
        ],
      },
      { tag: 0x00100010, vr: 'PN', text: 'After^Sequences' },
    ];
    const file = readDicom(encodePart10(elements, encoding));
    expect(file.issues).toEqual([]);
    const referenced = getItems(file.dataset, 'ReferencedImageSequence');
    expect(
      referenced.map((item) =>
        getStrings(item, 'ReferencedSOPClassUID').concat(getStrings(item, 'ReferencedSOPInstanceUID')),
      ),
    ).toEqual([['1.2.3'], ['4.5.6']]);
    const region = getItems(file.dataset, 'AnatomicRegionSequence')[0]!;
    expect(getString(region, 'CodeMeaning')).toBe('Brain');
    expect(getString(getItems(region, 'PrimaryAnatomicStructureSequence')[0]!, 'CodeValue')).toBe('T-A0100');
    expect(getString(file.dataset, 'PatientName')).toBe('After^Sequences');
  });

  it('decodes item text with the item’s own Specific Character Set, else the parent’s (PS3.5 §7.5.3)', () => {
    const elements = [
      { tag: 0x00080005, vr: 'CS', text: 'ISO_IR 100' },
      {
        tag: 0x0040a730,
        vr: 'SQ',
        items: [
          [{ tag: 0x00100010, vr: 'PN', bytes: latin1('Jörg') }],
          [
            { tag: 0x00080005, vr: 'CS', text: 'ISO_IR 192' },
            { tag: 0x00100010, vr: 'PN', bytes: new TextEncoder().encode('Jörg') },
          ],
        ],
      },
    ];
    const items = getItems(readDicom(encodePart10(elements, 'explicit-le')).dataset, 'ContentSequence');
    expect(items.map((item) => getString(item, 'PatientName'))).toEqual(['Jörg', 'Jörg']);
  });

  it('re-reads explicit UN with the dictionary VR and takes undefined-length UN for a sequence', () => {
    const elements = [
      { tag: 0x00100010, vr: 'UN', bytes: new TextEncoder().encode('Doe^Jane') },
      { tag: 0x00280010, vr: 'UN', bytes: new Uint8Array([0x00, 0x02]) },
      {
        tag: 0x00400275,
        vr: 'UN',
        undefinedLength: true,
        undefinedItems: true,
        items: [[{ tag: 0x00400007, vr: 'LO', text: 'Step' }]],
      },
    ];
    const file = readDicom(encodePart10(elements, 'explicit-le'));
    const dataset = file.dataset;
    expect(dataset.get(0x00100010)?.vr).toBe('PN');
    expect(getString(dataset, 'PatientName')).toBe('Doe^Jane');
    expect(getNumber(dataset, 'Rows')).toBe(512);
    expect(dataset.get(0x00400275)?.vr).toBe('SQ');
    // Items of an undefined-length UN are implicit VR little endian (PS3.5 §6.2.2).
    expect(
      getString(getItems(dataset, 'RequestAttributesSequence')[0]!, 'ScheduledProcedureStepDescription'),
    ).toBe('Step');
    expect(file.issues.map((issue) => issue.code)).toEqual(['un-reinterpreted']);
  });

  it('gives implicit private elements their VR through the block’s creator', () => {
    const csa = new Uint8Array([1, 2, 3, 4]);
    const elements = [
      { tag: 0x00290010, vr: 'LO', text: 'SIEMENS CSA HEADER' },
      { tag: 0x00291010, vr: 'OB', bytes: csa },
      { tag: 0x00291110, vr: 'OB', bytes: csa },
    ];
    const dataset = readDicom(encodePart10(elements, 'implicit-le')).dataset;
    expect(dataset.get(0x00290010)?.vr).toBe('LO');
    expect(dataset.get(0x00291010)?.vr).toBe('OB');
    // Block 0x11 has no creator: no way to know the VR.
    expect(dataset.get(0x00291110)?.vr).toBe('UN');
  });

  it('resolves US-or-SS by Pixel Representation, looking into enclosing datasets', () => {
    const signed: ElementSpec[] = [
      { tag: 0x00280103, vr: 'US', numbers: [1] },
      { tag: 0x00280106, vr: 'SS', numbers: [-200] },
      { tag: 0x00409096, vr: 'SQ', items: [[{ tag: 0x00409211, vr: 'SS', numbers: [-5] }]] },
    ];
    const dataset = readDicom(encodePart10(signed, 'implicit-le')).dataset;
    expect(dataset.get(0x00280106)?.vr).toBe('SS');
    expect(getNumber(dataset, 'SmallestImagePixelValue')).toBe(-200);
    const item = getItems(dataset, 'RealWorldValueMappingSequence')[0]!;
    expect(item.get(0x00409211)?.vr).toBe('SS');
    expect(getNumber(item, 'RealWorldValueLastValueMapped')).toBe(-5);
  });

  it('resolves US-or-SS in a header read that stops before Pixel Data', () => {
    const signed: ElementSpec[] = [
      { tag: 0x00280103, vr: 'US', numbers: [1] },
      { tag: 0x00280106, vr: 'SS', numbers: [-200] },
      { tag: 0x7fe00010, vr: 'OW', bytes: new Uint8Array(64) },
    ];
    const bytes = encodePart10(signed, 'implicit-le');
    const header = readDicom(bytes, { stopBeforePixels: true });
    expect(header.dataset.get(0x00280106)?.vr).toBe('SS');
    expect(getNumber(header.dataset, 'SmallestImagePixelValue')).toBe(-200);
    expect(header.dataset.has(0x7fe00010)).toBe(false);
    expect(readDicom(bytes).dataset.get(0x00280106)?.vr).toBe('SS');
  });

  it('keeps encapsulated fragments by their lengths, even when a codestream holds FFFE,E0DD', () => {
    const fragment = new Uint8Array([0xff, 0xd8, 0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0, 0xff, 0xd9]);
    const file = readDicom(
      encodePart10([{ tag: 0x7fe00010, vr: 'OB', fragments: [new Uint8Array(0), fragment] }], 'explicit-le', {
        transferSyntaxUID: '1.2.840.10008.1.2.4.90',
      }),
    );
    const pixels = file.dataset.get(0x7fe00010)!;
    expect(pixels.encapsulated).toBe(true);
    expect(pixels.values.map((v) => (v as Uint8Array).length)).toEqual([0, 12]);
    expect(file.issues).toEqual([]);
  });

  it('reads a bare dataset (no preamble, no meta) and says so', () => {
    const file = readDicom(encodeDataset(patient, 'explicit-be'));
    expect(file.preamble).toBeUndefined();
    expect(file.transferSyntax.littleEndian).toBe(false);
    expect(getNumber(file.dataset, 'Rows')).toBe(512);
    expect(file.issues.map((issue) => issue.code)).toEqual(['missing-preamble', 'missing-file-meta']);
  });

  it('reads an implicit dataset declared explicit, with an Issue', () => {
    const file = readDicom(
      encodePart10(patient, 'explicit-le', { datasetBytes: encodeDataset(patient, 'implicit-le') }),
    );
    expect(getNumber(file.dataset, 'Rows')).toBe(512);
    expect(file.issues.map((issue) => issue.code)).toEqual(['vr-encoding-mismatch']);
  });

  it('inflates a deflated dataset with the given inflater, and says what to do without one', () => {
    const deflated = new Uint8Array(deflateRawSync(encodeDataset(patient, 'explicit-le')));
    const bytes = encodePart10([], 'explicit-le', {
      transferSyntaxUID: '1.2.840.10008.1.2.1.99',
      datasetBytes: deflated,
    });
    expect(getString(readDicom(bytes, { inflateRaw }).dataset, 'PatientName')).toBe('Müller^Jörg');
    expect(() => readDicom(bytes)).toThrow(UnsupportedTransferSyntaxError);
  });

  it('stops before Pixel Data when asked, and asks for more bytes when given a prefix', () => {
    const elements = [...patient, { tag: 0x7fe00010, vr: 'OW', bytes: new Uint8Array(4096) }];
    const bytes = encodePart10(elements, 'explicit-le');
    const header = readDicom(bytes, { stopBeforePixels: true });
    expect(header.dataset.has(0x7fe00010)).toBe(false);
    expect(header.pixelDataOffset).toBe(bytes.length - 4096 - 12);
    expect(() =>
      readDicom(bytes.subarray(0, 200), { stopBeforePixels: true, fileLength: bytes.length }),
    ).toThrow(NeedMoreBytes);
  });

  it('refuses bytes that are not DICOM, at byte 0', () => {
    expect(() =>
      readDicom(new TextEncoder().encode('Copyright (c) 2018, the authors. All rights reserved.')),
    ).toThrow(NotDicomError);
  });

  it('reports truncation leniently and throws DicomParseError with offset and tag when strict', () => {
    const bytes = encodePart10(patient, 'explicit-le');
    const cut = bytes.subarray(0, bytes.length - 3);
    const lenient = readDicom(cut);
    expect(lenient.issues.map((issue) => issue.code)).toEqual(['truncated']);
    expect(lenient.issues[0]!.where?.tag).toBe('(0028,1052) RescaleIntercept');
    const error = (() => {
      try {
        readDicom(cut, { strict: true });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(DicomParseError);
    expect((error as DicomParseError).tag).toBe(0x00281052);
    expect((error as DicomParseError).offset).toBe(bytes.length - 8 - 6);
  });

  it('refuses sequences nested deeper than 64 with a DicomParseError instead of exhausting the stack', () => {
    let spec = [{ tag: 0x00100010, vr: 'PN', text: 'Deep' }] as Parameters<typeof encodeDataset>[0];
    for (let depth = 0; depth < 80; depth++) spec = [{ tag: 0x0040a730, vr: 'SQ', items: [spec as never] }];
    expect(() => readDicom(encodePart10(spec, 'explicit-le'))).toThrow(DicomParseError);
  });

  it('reports elements out of order and keeps them sorted', () => {
    const bytes = concat([
      encodeDataset([patient[4]!], 'explicit-le'),
      encodeDataset([patient[1]!], 'explicit-le'),
    ]);
    const file = readDicom(encodePart10([], 'explicit-le', { datasetBytes: bytes }));
    expect(file.issues.map((issue) => issue.code)).toEqual(['element-order']);
    expect(file.dataset.tags()).toEqual([0x00080060, 0x00280010]);
  });

  it('reports values that break their VR’s rules', () => {
    const file = readDicom(encodePart10([{ tag: 0x00280008, vr: 'IS', text: '1A' }], 'explicit-le'));
    const dataset: Dataset = file.dataset;
    expect(getStrings(dataset, 'NumberOfFrames')).toEqual(['1A']);
    expect(file.issues.map((issue) => issue.code)).toEqual(['invalid-value']);
  });
});
