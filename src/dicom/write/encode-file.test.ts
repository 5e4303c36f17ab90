/**
 * `encodeDicomFile`: preamble, prefix, the File Meta Information it builds (PS3.10 §7.1), and
 * `withElement` for edited copies.
 */
import { describe, expect, it } from 'vitest';
import { encodePart10 } from '../../../test/builders/dicom-bytes.js';
import { getString } from '../accessors.js';
import { DataElement } from '../data-element.js';
import { Dataset } from '../dataset.js';
import { readDicom } from '../read-dicom.js';
import { encodeDicomFile, radkitImplementationClassUID } from './encode-file.js';
import { DicomWriteError } from './errors.js';
import { copyDataset, withElement } from './with-element.js';

function minimal(): Dataset {
  const dataset = new Dataset();
  dataset.set(DataElement.fromValues(0x00080016, 'UI', ['1.2.840.10008.5.1.4.1.1.7']));
  dataset.set(DataElement.fromValues(0x00080018, 'UI', ['1.2.3.4.5']));
  dataset.set(DataElement.fromValues(0x00100010, 'PN', ['Doe^Jane']));
  return dataset;
}

describe('encodeDicomFile', () => {
  it('writes a zero preamble, DICM and the required File Meta Information', () => {
    const bytes = encodeDicomFile(minimal(), { implementationVersion: '0.1.0' });
    expect(bytes.subarray(0, 128).every((byte) => byte === 0)).toBe(true);
    expect(new TextDecoder().decode(bytes.subarray(128, 132))).toBe('DICM');
    const file = readDicom(bytes);
    expect(file.issues).toEqual([]);
    const meta = file.meta;
    expect(meta.tags()).toEqual([
      0x00020000, 0x00020001, 0x00020002, 0x00020003, 0x00020010, 0x00020012, 0x00020013,
    ]);
    // (0002,0000) counts the bytes after itself up to the end of group 0002.
    const metaEnd = bytes.length - (8 + 26) - (8 + 10) - (8 + 8);
    expect(meta.get(0x00020000)!.values).toEqual([metaEnd - 132 - 12]);
    expect(Array.from(meta.get(0x00020001)!.values[0] as Uint8Array)).toEqual([0, 1]);
    expect(getString(meta, 'MediaStorageSOPClassUID')).toBe('1.2.840.10008.5.1.4.1.1.7');
    expect(getString(meta, 'MediaStorageSOPInstanceUID')).toBe('1.2.3.4.5');
    expect(getString(meta, 'TransferSyntaxUID')).toBe('1.2.840.10008.1.2.1');
    expect(getString(meta, 'ImplementationClassUID')).toBe(radkitImplementationClassUID);
    expect(getString(meta, 'ImplementationVersionName')).toBe('RADKIT_0.1.0');
    expect(getString(file.dataset, 'PatientName')).toBe('Doe^Jane');
    expect(getString(readDicom(encodeDicomFile(minimal())).meta, 'ImplementationVersionName')).toBe('RADKIT');
  });

  it('has a UUID-derived implementation UID (PS3.5 §B.2)', () => {
    expect(radkitImplementationClassUID).toBe(`2.25.${BigInt('0x17034eb07aec43ceb892d6b727e90907')}`);
    expect(radkitImplementationClassUID.length).toBeLessThanOrEqual(64);
  });

  it('keeps the source meta elements, takes the SOP UIDs from the dataset, and names radkit', () => {
    const source = readDicom(encodePart10([{ tag: 0x00100010, vr: 'PN', text: 'A^B' }], 'implicit-le'));
    source.meta.set(DataElement.fromValues(0x00020016, 'AE', ['SCANNER1']));
    const dataset = minimal();
    dataset.set(DataElement.fromValues(0x00020100, 'UI', ['1.2.99']));
    const file = readDicom(encodeDicomFile(dataset, { fileMeta: source.meta }));
    expect(getString(file.meta, 'SourceApplicationEntityTitle')).toBe('SCANNER1');
    expect(getString(file.meta, 'PrivateInformationCreatorUID')).toBe('1.2.99');
    expect(file.dataset.has(0x00020100)).toBe(false);
    // The source meta says implicit VR and SOP instance 1.2.3.4.5 and implementation 1.2.3.999.
    expect(getString(file.meta, 'TransferSyntaxUID')).toBe('1.2.840.10008.1.2');
    expect(file.transferSyntax.explicitVR).toBe(false);
    expect(getString(file.meta, 'ImplementationClassUID')).toBe(radkitImplementationClassUID);
    const kept = readDicom(encodeDicomFile(dataset, { fileMeta: source.meta, implementation: 'file-meta' }));
    expect(getString(kept.meta, 'ImplementationClassUID')).toBe('1.2.3.999');
  });

  it('writes the given preamble and transfer syntax', () => {
    const preamble = new Uint8Array(128).fill(0x49);
    const bytes = encodeDicomFile(minimal(), { preamble, transferSyntaxUID: '1.2.840.10008.1.2.2' });
    expect(bytes.subarray(0, 128).every((byte) => byte === 0x49)).toBe(true);
    const file = readDicom(bytes);
    expect(file.transferSyntax.littleEndian).toBe(false);
    expect(getString(file.dataset, 'PatientName')).toBe('Doe^Jane');
    expect(() => encodeDicomFile(minimal(), { preamble: new Uint8Array(4) })).toThrow(/preamble is 4 bytes/);
  });

  it('refuses a dataset without SOP UIDs, a version name longer than SH, and relabelled fragments', () => {
    const bare = new Dataset();
    expect(() => encodeDicomFile(bare)).toThrow(/no SOPClassUID, which a Part 10 file repeats/);
    expect(() => encodeDicomFile(minimal(), { implementationVersion: '2024.12.31-beta' })).toThrow(
      DicomWriteError,
    );
    const jpeg = minimal();
    jpeg.set(DataElement.fromValues(0x00020010, 'UI', ['1.2.840.10008.1.2.4.50']));
    jpeg.set(
      DataElement.fromParsed(0x7fe00010, 'OB', [new Uint8Array(0), new Uint8Array(2)], {
        valueOffset: 0,
        valueLength: 0xffffffff,
        encapsulated: true,
      }),
    );
    expect(encodeDicomFile(jpeg).length).toBeGreaterThan(0);
    expect(() => encodeDicomFile(jpeg, { transferSyntaxUID: '1.2.840.10008.1.2.4.90' })).toThrow(
      /compressed as JPEG Baseline.*would mislabel them/,
    );
  });
});

describe('withElement', () => {
  it('gives an edited copy and leaves the original as it was', () => {
    const original = minimal();
    original.set(DataElement.fromValues(0x00091010, 'LO', ['private']));
    const edited = withElement(
      withElement(withElement(original, 'PatientName', ['Roe^Richard']), 'SeriesDescription', ['T1']),
      0x00091010,
      undefined,
    );
    expect(getString(edited, 'PatientName')).toBe('Roe^Richard');
    expect(edited.get(0x0008103e)!.vr).toBe('LO');
    expect(edited.has(0x00091010)).toBe(false);
    expect(getString(original, 'PatientName')).toBe('Doe^Jane');
    expect(original.has(0x00091010)).toBe(true);
    expect(copyDataset(original).tags()).toEqual(original.tags());
  });

  it('needs a VR where neither the dataset nor the dictionary gives one', () => {
    expect(() => withElement(minimal(), 0x00091011, ['x'])).toThrow(/VR is unknown.*Pass the VR/);
    expect(() => withElement(minimal(), 'SmallestImagePixelValue', [0])).toThrow(/'US or SS'/);
    expect(withElement(minimal(), 0x00091011, ['x'], 'LO').get(0x00091011)!.vr).toBe('LO');
  });
});
