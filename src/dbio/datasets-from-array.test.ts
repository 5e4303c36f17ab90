import { describe, expect, it } from 'vitest';
import {
  DataElement,
  type Dataset,
  getNumber,
  getNumbers,
  getString,
  getStrings,
  resolveTag,
} from '../dicom/index.js';
import { ndarray } from '../ndarray/index.js';
import { attributeElement } from './attribute-element.js';
import { datasetsFromArray } from './datasets-from-array.js';
import { ArrayDatasetError } from './errors.js';
import { MRImageStorage } from './new-mr-image.js';

const pixelBytes = (dataset: Dataset) => dataset.get(resolveTag('PixelData'))!.values[0] as Uint8Array;

describe('datasetsFromArray', () => {
  it('makes one MR image per slice of (x, y, 3, 2) with pixelsFirst, numbered 1…6, with sortBy coordinates (D3)', () => {
    const datasets = datasetsFromArray(ndarray(new Float32Array(128 * 64 * 6), [128, 64, 3, 2]), {
      pixelsFirst: true,
      sortBy: ['SliceLocation', 'AcquisitionTime'],
    });
    expect(datasets).toHaveLength(6);
    expect(datasets.map((d) => getNumber(d, 'InstanceNumber'))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(datasets.map((d) => getNumber(d, 'SliceLocation'))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(datasets.map((d) => getString(d, 'AcquisitionTime'))).toEqual(
      ['000000', '000001', '000000', '000001', '000000', '000001'].map((t) => `${t}.000000`),
    );
    const first = datasets[0]!;
    expect(getString(first, 'SOPClassUID')).toBe(MRImageStorage);
    expect([getNumber(first, 'Columns'), getNumber(first, 'Rows')]).toEqual([128, 64]);
    expect(getNumbers(datasets[4]!, 'ImagePositionPatient')).toEqual([0, 0, 2]);
    const uids = datasets.map((d) => getString(d, 'SOPInstanceUID')!);
    expect(new Set(uids).size).toBe(6);
    expect(uids.every((uid) => /^2\.25\.\d+$/.test(uid) && uid.length <= 64)).toBe(true);
    // One study, series and frame of reference for all.
    expect(new Set(datasets.map((d) => getString(d, 'SeriesInstanceUID'))).size).toBe(1);
  });

  it('writes array element (x, y) as the pixel in column x of row y', () => {
    const x = 3;
    const y = 2;
    const data = Float32Array.from({ length: x * y }, (_, i) => 10 * Math.floor(i / y) + (i % y));
    const [dataset] = datasetsFromArray(ndarray(data, [x, y]));
    expect([getNumber(dataset!, 'Rows'), getNumber(dataset!, 'Columns')]).toEqual([2, 3]);
    expect(getNumber(dataset!, 'PixelRepresentation')).toBe(0);
    expect(Array.from(new Uint16Array(pixelBytes(dataset!).slice().buffer))).toEqual([0, 10, 20, 1, 11, 21]);
  });

  it('applies a list per slice when the attribute holds one value or its entries are lists; else to all', () => {
    const datasets = datasetsFromArray(ndarray(new Float32Array(4 * 6), [6, 2, 2]), {
      attributes: {
        SeriesDescription: 'made',
        SliceLocation: [0, 5, 10, 15, 20, 25],
        ImageOrientationPatient: [0, 1, 0, 0, 0, -1],
        ImageType: [['DERIVED', 'PRIMARY'], ['A'], ['B'], ['C'], ['D'], ['E']],
        StudyDate: null,
      },
    });
    expect(datasets.map((d) => getNumber(d, 'SliceLocation'))).toEqual([0, 5, 10, 15, 20, 25]);
    expect(datasets.every((d) => getNumbers(d, 'ImageOrientationPatient')!.join() === '0,1,0,0,0,-1')).toBe(
      true,
    );
    expect(getStrings(datasets[0]!, 'ImageType')).toEqual(['DERIVED', 'PRIMARY']);
    expect(getStrings(datasets[5]!, 'ImageType')).toEqual(['E']);
    expect(getString(datasets[3]!, 'SeriesDescription')).toBe('made');
    expect(datasets[0]!.has(resolveTag('StudyDate'))).toBe(false);
    expect(getNumbers(datasets[2]!, 'ImagePositionPatient')).toEqual([0, 0, 10]);
  });

  it('refuses a per-slice list of the wrong length, pixel attributes, and more sortBy names than dimensions', () => {
    const array = ndarray(new Float32Array(8), [2, 2, 2]);
    expect(() => datasetsFromArray(array, { attributes: { SliceLocation: [1, 2, 3] } })).toThrow(
      /3 values, one per slice, but the array has 2 slices/,
    );
    expect(() => datasetsFromArray(array, { attributes: { Rows: 5 } })).toThrow(ArrayDatasetError);
    expect(() => datasetsFromArray(array, { sortBy: ['SliceLocation', 'AcquisitionTime'] })).toThrow(
      /sortBy names 2/,
    );
    expect(() => datasetsFromArray(ndarray(new Float32Array(2), [2]))).toThrow(/at least 2/);
  });

  it('copies template headers, dropping what the new pixels make wrong', () => {
    const template = datasetsFromArray(ndarray(new Float32Array(4), [2, 2]), {
      attributes: { PatientName: 'Doe^Jane', SeriesDescription: 'source' },
    })[0]!;
    template.set(DataElement.fromValues(resolveTag('LargestImagePixelValue'), 'US', [4095]));
    template.set(DataElement.fromValues(resolveTag('TransferSyntaxUID'), 'UI', ['1.2.840.10008.1.2.4.70']));
    template.set(DataElement.fromValues(0x20050010, 'LO', ['Philips MR Imaging DD 001']));
    template.set(DataElement.fromValues(0x2005100e, 'FL', [2]));
    const copies = datasetsFromArray(ndarray(Float32Array.from([-1.5, 2, 3, 4, 5, 6]), [3, 2]), {
      template: [template],
    });
    const [copy] = copies;
    expect(getString(copy!, 'PatientName')).toBe('Doe^Jane');
    expect(getString(copy!, 'SeriesInstanceUID')).toBe(getString(template, 'SeriesInstanceUID'));
    expect(getString(copy!, 'SOPInstanceUID')).not.toBe(getString(template, 'SOPInstanceUID'));
    expect(copy!.has(resolveTag('LargestImagePixelValue'))).toBe(false);
    expect(copy!.has(resolveTag('TransferSyntaxUID'))).toBe(false);
    expect(copy!.has(0x2005100e)).toBe(false);
    expect(getNumber(copy!, 'Columns')).toBe(3);
    expect(getNumber(copy!, 'PixelRepresentation')).toBe(1);
    // The template itself is untouched.
    expect(getNumber(template, 'Columns')).toBe(2);
  });

  it('takes one template per slice when the counts match, and refuses multi-frame templates', () => {
    const sources = [7, 8].map((n) => {
      const [dataset] = datasetsFromArray(ndarray(new Float32Array(1), [1, 1]), {
        attributes: { EchoTime: n },
      });
      return dataset!;
    });
    const copies = datasetsFromArray(ndarray(new Float32Array(2), [2, 1, 1]), { template: sources });
    expect(copies.map((d) => getNumber(d, 'EchoTime'))).toEqual([7, 8]);
    const multiFrame = sources[0]!;
    multiFrame.set(attributeElement(resolveTag('NumberOfFrames'), 3));
    expect(() => datasetsFromArray(ndarray(new Float32Array(1), [1, 1]), { template: [multiFrame] })).toThrow(
      /multi-frame/,
    );
  });
});
