import { describe, expect, it } from 'vitest';
import { DataElement, Dataset, resolveTag } from '../dicom/index.js';
import { attributeElement } from './attribute-element.js';
import { ArrayDatasetError } from './errors.js';

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
