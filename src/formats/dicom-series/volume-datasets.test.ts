import { describe, expect, it } from 'vitest';
import { syntheticVolume, templateDataset as template } from '../../../test/support/synthetic-volume.js';
import {
  type Dataset,
  encodeDicomFile,
  getNumber,
  getNumbers,
  getString,
  getStrings,
  readDicom,
  resolveTag,
} from '../../dicom/index.js';
import { affineFromRows } from '../../geometry/index.js';
import type { TypedArray } from '../../ndarray/index.js';
import type { Volume } from '../../volume/index.js';
import { DicomSeriesError } from './errors.js';
import { CTImageStorage, MRImageStorage } from './template-attributes.js';
import { volumeToDatasets } from './volume-datasets.js';

const axial = affineFromRows([0.5, 0, 0, -10, 0, 0.75, 0, 20, 0, 0, 2, 30]);

const volumeOf = (
  data: TypedArray,
  shape: readonly number[],
  extra: Parameters<typeof syntheticVolume>[2] = {},
): Volume => syntheticVolume(data, shape, { affine: axial, ...extra });

function pixelsOf(dataset: Dataset): Int16Array | Uint16Array {
  const bytes = dataset.get(resolveTag('PixelData'))!.values[0] as Uint8Array;
  const copy = bytes.slice();
  return getNumber(dataset, 'PixelRepresentation') === 1
    ? new Int16Array(copy.buffer)
    : new Uint16Array(copy.buffer);
}

describe('volumeToDatasets', () => {
  it('writes one MR image per slice and per volume, in Instance Number order, with the pixels as they were', () => {
    // 3 columns × 4 rows × 5 slices × 2 volumes.
    const data = Int16Array.from({ length: 120 }, (_, n) => n * 7 - 400);
    const datasets = volumeToDatasets(volumeOf(data, [2, 5, 4, 3]));
    expect(datasets).toHaveLength(10);
    const first = datasets[0]!;
    expect(getString(first, 'SOPClassUID')).toBe(MRImageStorage);
    expect(getString(first, 'Modality')).toBe('MR');
    expect([getNumber(first, 'Rows'), getNumber(first, 'Columns')]).toEqual([4, 3]);
    expect(getNumbers(first, 'PixelSpacing')).toEqual([0.75, 0.5]);
    expect(getNumber(first, 'SliceThickness')).toBe(2);
    expect(getNumber(first, 'PixelRepresentation')).toBe(1);
    // Identity rescale: MR images carry none.
    expect(first.has(resolveTag('RescaleSlope'))).toBe(false);
    for (const [index, dataset] of datasets.entries()) {
      expect(getNumber(dataset, 'InstanceNumber')).toBe(index + 1);
      expect(getNumber(dataset, 'AcquisitionNumber')).toBe(Math.floor(index / 5) + 1);
      expect(getNumber(dataset, 'TemporalPositionIdentifier')).toBe(Math.floor(index / 5) + 1);
      expect(getNumbers(dataset, 'ImagePositionPatient')).toEqual([-10, 20, 30 + 2 * (index % 5)]);
      expect(Array.from(pixelsOf(dataset))).toEqual(Array.from(data.subarray(index * 12, index * 12 + 12)));
    }
    expect(new Set(datasets.map((d) => getString(d, 'SeriesInstanceUID'))).size).toBe(1);
    expect(new Set(datasets.map((d) => getString(d, 'SOPInstanceUID'))).size).toBe(10);
    expect(getString(first, 'StudyInstanceUID')).toMatch(/^2\.25\.\d+$/);
    expect(getStrings(first, 'ImageType')).toEqual(['DERIVED', 'SECONDARY', 'OTHER']);
  });

  it('keeps the patient and study of a template, sets the series, and writes UTF-8 for non-ASCII names', () => {
    const source = template({
      PatientName: ['PN', 'Müller^Jörg'],
      PatientID: ['LO', 'P-17'],
      PatientBirthDate: ['DA', '19700102'],
      StudyInstanceUID: ['UI', '1.2.3.4'],
      StudyDescription: ['LO', 'Brain'],
      SeriesNumber: ['IS', '7'],
      FrameOfReferenceUID: ['UI', '1.2.3.5'],
      Modality: ['CS', 'MR'],
      EchoTime: ['DS', '12'],
    });
    const volume = volumeOf(new Uint16Array(24), [2, 4, 3]);
    const [dataset] = volumeToDatasets(volume, { template: source, seriesDescription: 'Résumé' });
    expect(getString(dataset!, 'SpecificCharacterSet')).toBe('ISO_IR 192');
    expect(getString(dataset!, 'StudyInstanceUID')).toBe('1.2.3.4');
    expect(getString(dataset!, 'EchoTime')).toBe('12');
    expect(getNumber(dataset!, 'SeriesNumber')).toBe(1007);
    expect(getString(dataset!, 'FrameOfReferenceUID')).not.toBe('1.2.3.5');
    // Through the encoder and the reader: the text comes back as given.
    const read = readDicom(encodeDicomFile(dataset!)).dataset;
    expect(getString(read, 'PatientName')).toBe('Müller^Jörg');
    expect(getString(read, 'SeriesDescription')).toBe('Résumé');
    expect(getString(read, 'PatientID')).toBe('P-17');
    expect(getString(read, 'PatientBirthDate')).toBe('19700102');
    expect(getString(read, 'StudyDescription')).toBe('Brain');
    const ascii = template({ PatientName: ['PN', 'Doe^Jane'], FrameOfReferenceUID: ['UI', '1.2.3.5'] });
    const kept = volumeToDatasets(volume, { template: ascii, keepFrameOfReference: true, seriesNumber: 3 });
    expect(getString(kept[0]!, 'FrameOfReferenceUID')).toBe('1.2.3.5');
    expect(getNumber(kept[0]!, 'SeriesNumber')).toBe(3);
    expect(kept[0]!.has(resolveTag('SpecificCharacterSet'))).toBe(false);
  });

  it('writes CT for a CT template or when asked, and MR for other modalities', () => {
    const volume = volumeOf(Int16Array.from([-1024, 0, 3000, 5]), [1, 2, 2], {
      rescale: { slope: 1, intercept: -1024 },
    });
    const ct = volumeToDatasets(volume, { template: template({ Modality: ['CS', 'CT'] }) })[0]!;
    expect(getString(ct, 'SOPClassUID')).toBe(CTImageStorage);
    expect(getStrings(ct, 'ImageType')).toEqual(['DERIVED', 'SECONDARY', 'AXIAL']);
    // CT images always carry the rescale (type 1); the stored values are the volume's own.
    expect([getString(ct, 'RescaleSlope'), getString(ct, 'RescaleIntercept')]).toEqual(['1', '-1024']);
    expect(Array.from(pixelsOf(ct))).toEqual([-1024, 0, 3000, 5]);
    const pet = volumeToDatasets(volume, { template: template({ Modality: ['CS', 'PT'] }) })[0]!;
    expect(getString(pet, 'Modality')).toBe('MR');
    expect(getString(pet, 'RescaleIntercept')).toBe('-1024');
    const asked = volumeToDatasets(volume, { modality: 'CT' })[0]!;
    expect(getString(asked, 'SOPClassUID')).toBe(CTImageStorage);
  });

  it('stores float volumes with one slope and intercept for the whole series, within half a step', () => {
    const data = Float32Array.from({ length: 60 }, (_, n) => Math.sin(n) * 1000.25 + n / 7);
    const volume = volumeOf(data, [5, 4, 3], { rescale: { slope: 2, intercept: 0.5 } });
    const datasets = volumeToDatasets(volume);
    const slopes = new Set(datasets.map((d) => getString(d, 'RescaleSlope')));
    expect(slopes.size).toBe(1);
    const slope = getNumber(datasets[0]!, 'RescaleSlope')!;
    const intercept = getNumber(datasets[0]!, 'RescaleIntercept')!;
    expect(slope).toBeCloseTo(4001 / 65_500, 3);
    let worst = 0;
    for (const [k, dataset] of datasets.entries()) {
      const stored = pixelsOf(dataset);
      for (let n = 0; n < 12; n++) {
        const real = data[k * 12 + n]! * 2 + 0.5;
        worst = Math.max(worst, Math.abs(stored[n]! * slope + intercept - real));
      }
    }
    expect(worst).toBeLessThanOrEqual(slope / 2 + 1e-9);
    expect(worst).toBeGreaterThan(0);
  });

  it('stores integers beyond 16 bits through the encoder, exactly when their range allows', () => {
    const data = Int32Array.from([100_000, 120_000, 165_535, 100_001]);
    const [dataset] = volumeToDatasets(volumeOf(data, [1, 2, 2]));
    const slope = getNumber(dataset!, 'RescaleSlope')!;
    const intercept = getNumber(dataset!, 'RescaleIntercept')!;
    expect(slope).toBe(1);
    expect(Array.from(pixelsOf(dataset!), (stored) => stored * slope + intercept)).toEqual(Array.from(data));
  });

  it('writes the time axis as Acquisition Time from the template time', () => {
    const volume = volumeOf(new Int16Array(8), [2, 1, 2, 2], { axes: [{ name: 'time', values: [0, 2.5] }] });
    const source = template({ AcquisitionTime: ['TM', '235959'], Modality: ['CS', 'MR'] });
    const times = volumeToDatasets(volume, { template: source }).map((d) => getString(d, 'AcquisitionTime'));
    // Past midnight the clock starts again.
    expect(times).toEqual(['235959.000000', '000001.500000']);
    expect(volumeToDatasets(volume).every((d) => !d.has(resolveTag('AcquisitionTime')))).toBe(true);
  });

  it('refuses colour volumes and data that do not match the geometry', () => {
    const colour = volumeOf(new Uint8Array(12), [1, 2, 2, 3], { samples: 3 });
    expect(() => volumeToDatasets({ ...colour, geometry: { ...colour.geometry, dims: [2, 2, 1] } })).toThrow(
      DicomSeriesError,
    );
    const wrong = volumeOf(new Uint16Array(12), [3, 2, 2]);
    expect(() => volumeToDatasets({ ...wrong, geometry: { ...wrong.geometry, dims: [2, 3, 2] } })).toThrow(
      /does not end in/,
    );
  });

  it('refuses a Series Number or Description their VRs cannot hold', () => {
    const volume = volumeOf(new Uint16Array(4), [1, 2, 2]);
    for (const options of [
      { seriesNumber: 1.5 },
      { seriesNumber: 2 ** 31 },
      { seriesDescription: 'x'.repeat(65) },
      { seriesDescription: 'a\\b' },
    ]) {
      expect(() => volumeToDatasets(volume, options)).toThrow(DicomSeriesError);
    }
    expect(
      volumeToDatasets(volume, { seriesNumber: -(2 ** 31), seriesDescription: 'x'.repeat(64) }),
    ).toHaveLength(1);
  });
});
