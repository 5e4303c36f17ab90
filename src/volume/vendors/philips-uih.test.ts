import { describe, expect, it } from 'vitest';
import { DataElement, Dataset } from '../../dicom/index.js';
import { type PhilipsMr, philipsPreciseRescale, philipsSidecarFields, readPhilipsMr } from './philips.js';
import { uihBvec } from './uih.js';

const philips = (values: Partial<PhilipsMr>): PhilipsMr => values as PhilipsMr;

describe('Philips scaling and readout', () => {
  it('gives the precise floating-point rescale (FP = SV/SS + RI/(RS·SS))', () => {
    const rescale = philipsPreciseRescale(
      philips({ rescaleSlope: 1.53455, rescaleIntercept: -3142, scaleSlope: 651.74 }),
    );
    expect(rescale!.slope).toBeCloseTo(1 / 651.74, 12);
    expect(rescale!.intercept).toBeCloseTo(-3142 / (1.53455 * 651.74), 12);
    expect(philipsPreciseRescale(philips({ rescaleSlope: 1 }))).toBeUndefined();
  });

  it('estimates echo spacing from the water-fat shift (dcm_qa_table dual echo)', () => {
    const fields = philipsSidecarFields(
      philips({ waterFatShift: 0.950831, imagingFrequency: 127.766896, echoTrainLength: 2 }),
      { reconMatrixPE: 96 },
    );
    expect(fields.EstimatedTotalReadoutTime as number).toBeCloseTo(0.0014592, 7);
    expect(fields.EstimatedEffectiveEchoSpacing as number).toBeCloseTo(1.536e-5, 9);
  });
});

describe('Philips prepulse delay', () => {
  const file = (creator: string, delay: number): Dataset => {
    const dataset = new Dataset();
    dataset.set(DataElement.fromValues(0x00200010, 'SH', ['1']));
    dataset.set(DataElement.fromValues(0x20010010, 'LO', [creator]));
    dataset.set(DataElement.fromValues(0x2001101b, 'FL', [delay]));
    return dataset;
  };

  it('reads (2001,xx1B) through either spelling of the creator, as dcm2niix remaps both', () => {
    expect(readPhilipsMr(file('Philips Imaging DD 001', 900)).philips.prepulseDelay).toBe(900);
    expect(readPhilipsMr(file('PHILIPS IMAGING DD 001', 0)).philips.prepulseDelay).toBe(0);
    expect(readPhilipsMr(new Dataset()).philips.prepulseDelay).toBeUndefined();
  });
});

describe('UIH bvec', () => {
  it('negates y and drops negative zeros', () => {
    expect(uihBvec([0.6, 0.03, -0.8])).toEqual([0.6, -0.03, -0.8]);
    expect(Object.is(uihBvec([0, 0, 0])[1], -0)).toBe(false);
  });
});
