/**
 * `readPhilipsScaling` and `readPhilipsDiffusion`, which every Philips image's records go
 * through, against pydicom's reading of the same elements on every classic Philips MR file of
 * the corpus: Rescale Slope/Intercept, the private Scale Slope (2005,xx0E) of "Philips MR
 * Imaging DD 001", the b-value (0018,9087) else (2001,xx03) of "Philips Imaging DD 001", and
 * the gradient (0018,9089) else (2005,xxB0–B2).
 */
import { describe, expect, it } from 'vitest';
import { getItems, getString } from '../../src/dicom/index.js';
import { readDicomFile } from '../../src/sources/index.js';
import { readPhilipsDiffusion, readPhilipsScaling } from '../../src/volume/index.js';
import { corpusImages } from '../pixel/pixel-reference.js';
import { type PydicomElementJson, pydicomJson } from '../support/pydicom-reference.js';
import { corpus, missing, pydicom } from '../support/requirements.js';

type Elements = Record<string, PydicomElementJson>;

const hex = (tag: number) => tag.toString(16).toUpperCase().padStart(8, '0');

function numbers(element: PydicomElementJson | undefined): number[] | undefined {
  const values = element?.Value?.map((value) => (typeof value === 'string' ? Number(value) : value));
  return values?.every((value) => typeof value === 'number') === true && values.length > 0
    ? (values as number[])
    : undefined;
}

/** The element at `offset` of `creator`'s block in `group` (PS3.5 §7.8.1). */
function privateElement(elements: Elements, group: number, creator: string, offset: number) {
  for (let block = 0x10; block <= 0xff; block++) {
    const name = elements[hex(group * 0x10000 + block)]?.Value?.[0];
    if (typeof name === 'string' && name.trim() === creator)
      return elements[hex(group * 0x10000 + block * 0x100 + offset)];
  }
  return undefined;
}

function expected(elements: Elements) {
  const mrImaging = 'Philips MR Imaging DD 001';
  const standardGradient = numbers(elements['00189089']);
  const privateGradient = [0xb0, 0xb1, 0xb2].map(
    (offset) => numbers(privateElement(elements, 0x2005, mrImaging, offset))?.[0],
  );
  return {
    scaling: {
      rescaleSlope: numbers(elements['00281053'])?.[0],
      rescaleIntercept: numbers(elements['00281052'])?.[0],
      scaleSlope: numbers(privateElement(elements, 0x2005, mrImaging, 0x0e))?.[0],
    },
    diffusion: {
      bValue:
        numbers(elements['00189087'])?.[0] ??
        numbers(privateElement(elements, 0x2001, 'Philips Imaging DD 001', 0x03))?.[0],
      diffusionGradient:
        standardGradient !== undefined && standardGradient.length >= 3
          ? standardGradient.slice(0, 3)
          : privateGradient.every((value) => value !== undefined)
            ? privateGradient
            : undefined,
    },
  };
}

describe.skipIf(missing(corpus(), pydicom()))('Philips scaling and diffusion reads', () => {
  it('equal pydicom’s values on every classic Philips MR file', () => {
    const philips = corpusImages().filter((image) => {
      const { dataset } = readDicomFile(image.path, { headerOnly: true });
      return (
        /PHILIPS/i.test(getString(dataset, 'Manufacturer') ?? '') &&
        getString(dataset, 'Modality') === 'MR' &&
        getItems(dataset, 'PerFrameFunctionalGroupsSequence').length === 0
      );
    });
    const reference = pydicomJson(philips.map((image) => image.path));
    let scaled = 0;
    let weighted = 0;
    for (const image of philips) {
      const elements = reference.get(image.path)?.elements;
      expect(elements, image.relative).toBeDefined();
      const truth = expected(elements!);
      const { dataset } = readDicomFile(image.path, { headerOnly: true });
      expect(readPhilipsScaling(dataset), image.relative).toEqual(truth.scaling);
      expect(readPhilipsDiffusion(dataset), image.relative).toEqual(truth.diffusion);
      if (truth.scaling.scaleSlope !== undefined) scaled += 1;
      if (truth.diffusion.diffusionGradient !== undefined) weighted += 1;
    }
    // Enough of each kind for the comparison to mean something.
    expect(philips.length).toBeGreaterThan(100);
    expect(scaled).toBeGreaterThan(100);
    expect(weighted).toBeGreaterThan(100);
  });
});
