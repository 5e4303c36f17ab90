import { describe, expect, it } from 'vitest';
import { DataElement, Dataset, resolveTag } from '../dicom/index.js';
import { attributeElement, formatDS, formatTM } from './attribute-element.js';
import { ArrayDatasetError } from './errors.js';

describe('formatDS', () => {
  it('writes the shortest form when it fits 16 characters, else fewer significant digits', () => {
    expect(formatDS(1.5)).toBe('1.5');
    expect(formatDS(-0.000123)).toBe('-0.000123');
    expect(formatDS(0.1 + 0.2)).toBe('0.3');
    expect(formatDS(130.55999755859375)).toBe('130.559997558594');
    expect(formatDS(-1.2345678901234e-300).length).toBeLessThanOrEqual(16);
    expect(() => formatDS(Number.NaN)).toThrow(ArrayDatasetError);
  });
});

describe('formatTM', () => {
  it('writes seconds since midnight as HHMMSS.ffffff', () => {
    expect(formatTM(0)).toBe('000000.000000');
    expect(formatTM(1)).toBe('000001.000000');
    expect(formatTM(32789.35)).toBe('090629.350000');
    expect(formatTM(86_399.999999)).toBe('235959.999999');
    // Rounding to microseconds carries into the seconds and minutes.
    expect(formatTM(59.9999996)).toBe('000100.000000');
    expect(() => formatTM(86_400)).toThrow(/0 ≤ seconds < 86400/);
  });
});

describe('attributeElement', () => {
  it('gives each value the VR of the dictionary: DS/IS text, TM from seconds, binary numbers', () => {
    expect(attributeElement(resolveTag('SliceLocation'), 2.5).values).toEqual(['2.5']);
    expect(attributeElement(resolveTag('SliceLocation'), 2.5).vr).toBe('DS');
    expect(attributeElement(resolveTag('InstanceNumber'), 7).values).toEqual(['7']);
    expect(attributeElement(resolveTag('AcquisitionTime'), 61).values).toEqual(['000101.000000']);
    const rows = attributeElement(resolveTag('Rows'), 28);
    expect([rows.vr, rows.values]).toEqual(['US', [28]]);
    expect(attributeElement(resolveTag('ImageOrientationPatient'), [1, 0, 0, 0, 1, 0]).values).toHaveLength(
      6,
    );
    expect(attributeElement(resolveTag('PatientName'), 'Doe^Jane').values).toEqual(['Doe^Jane']);
  });

  it('takes the VR an element already has, for tags whose VR depends on others', () => {
    const dataset = new Dataset();
    dataset.set(DataElement.fromValues(resolveTag('SmallestImagePixelValue'), 'SS', [-3]));
    expect(attributeElement(resolveTag('SmallestImagePixelValue'), -5, dataset).vr).toBe('SS');
    expect(() => attributeElement(resolveTag('SmallestImagePixelValue'), -5)).toThrow(/depends on other/);
  });

  it('refuses values a VR cannot hold, sequences, and tags it does not know', () => {
    expect(() => attributeElement(resolveTag('InstanceNumber'), 1.5)).toThrow(/IS holds integers/);
    expect(() => attributeElement(resolveTag('Rows'), 'many')).toThrow(ArrayDatasetError);
    expect(() => attributeElement(resolveTag('ReferencedImageSequence'), 'x')).toThrow(/VR SQ/);
    expect(() => attributeElement(resolveTag('(0019,1010)'), 'x')).toThrow(/not in the data dictionary/);
  });
});
