/** RADIFOX's JSON layout details the real-session test does not reach: CT records, -0.0, NaN. */
import { describe, expect, it } from 'vitest';
import {
  formatRadifoxJson,
  OneLine,
  PyFloat,
  type RunFacts,
  sidecarDocument,
} from '../../src/library/index.js';
import { seriesInfo } from '../naming/series-info-factory.js';

const run: RunFacts = {
  software: { name: 'radkit', version: '0' },
  extras: [],
  forceDerived: false,
  inputHash: 'h',
  lookupDict: {},
  manualNames: {},
  metadata: { ProjectID: 'P', SubjectID: 'S', SessionID: '1', SiteID: null, _NoProjectSubdir: false },
};
const naming = {
  ConvertImage: true,
  ManualName: null,
  LookupName: null,
  PredictedName: null,
  NiftiName: 'n',
  NiftiCreated: true,
  NiftiHash: null,
};

describe('RADIFOX documents', () => {
  it('leaves the MR-only keys out of a CT record and keeps them for MR', () => {
    const ct = JSON.parse(
      sidecarDocument(run, { ...seriesInfo({ Modality: 'CT', EchoTime: 3 }), ...naming }),
    );
    const mr = JSON.parse(
      sidecarDocument(run, { ...seriesInfo({ Modality: 'MR', EchoTime: 3 }), ...naming }),
    );
    expect('EchoTime' in ct.SeriesInfo).toBe(false);
    expect('FlipAngle' in ct.SeriesInfo).toBe(false);
    expect(mr.SeriesInfo.EchoTime).toBe(3);
  });

  it('prints floats as Python does, inside one-line values too', () => {
    expect(
      formatRadifoxJson({
        a: new OneLine([new PyFloat(-0), new PyFloat(2), new PyFloat(1e-5)]),
        b: new PyFloat(Number.NaN),
      }),
    ).toBe('{\n    "a": [-0.0, 2.0, 1e-05],\n    "b": NaN\n}');
  });
});
