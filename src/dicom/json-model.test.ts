import { describe, expect, it } from 'vitest';
import { DataElement } from './data-element.js';
import { Dataset } from './dataset.js';
import { datasetToJsonModel, personNameGroups } from './json-model.js';

function dataset(...elements: DataElement[]): Dataset {
  const ds = new Dataset();
  for (const element of elements) ds.set(element);
  return ds;
}

describe('datasetToJsonModel (PS3.18 §F.2)', () => {
  it('splits PN into component groups, keeping empty trailing groups that are present', () => {
    expect(personNameGroups('Yamada^Tarou=山田^太郎=やまだ^たろう')).toEqual({
      Alphabetic: 'Yamada^Tarou',
      Ideographic: '山田^太郎',
      Phonetic: 'やまだ^たろう',
    });
    expect(personNameGroups('Doe^John')).toEqual({ Alphabetic: 'Doe^John' });
    expect(personNameGroups('Doe^John=')).toEqual({ Alphabetic: 'Doe^John', Ideographic: '' });
  });

  it('gives IS/DS as numbers (null when not a number), AT as ggggeeee, empty elements without Value', () => {
    const json = datasetToJsonModel(
      dataset(
        DataElement.fromValues(0x00200032, 'DS', ['-12.5', '', '3e2']),
        DataElement.fromValues(0x00200013, 'IS', [' 7 ']),
        DataElement.fromValues(0x00431080, 'DS', ['P1:']),
        DataElement.fromValues(0x00209165, 'AT', [0x00209056]),
        DataElement.fromValues(0x00080050, 'SH', []),
      ),
    );
    expect(json['00200032']).toEqual({ vr: 'DS', Value: [-12.5, null, 300] });
    expect(json['00200013']).toEqual({ vr: 'IS', Value: [7] });
    expect(json['00431080']).toEqual({ vr: 'DS', Value: [null] });
    expect(json['00209165']).toEqual({ vr: 'AT', Value: ['00209056'] });
    expect(json['00080050']).toEqual({ vr: 'SH' });
  });

  it('nests sequences, inlines binary as base64 or hands it to a bulk-data handler above the threshold', () => {
    const item = dataset(DataElement.fromValues(0x00081150, 'UI', ['1.2.3']));
    const ds = dataset(
      DataElement.fromValues(0x00081140, 'SQ', [item]),
      DataElement.fromValues(0x00091010, 'OB', [new Uint8Array([1, 2, 3])]),
      DataElement.fromValues(0x7fe00010, 'OW', [new Uint8Array(2048)]),
      DataElement.fromValues(0x00400275, 'SQ', []),
    );
    const json = datasetToJsonModel(ds, { bulkDataUri: (element) => `bulk/${element.tag.toString(16)}` });
    expect(json['00081140']).toEqual({ vr: 'SQ', Value: [{ '00081150': { vr: 'UI', Value: ['1.2.3'] } }] });
    expect(json['00091010']).toEqual({ vr: 'OB', InlineBinary: 'AQID' });
    expect(json['7FE00010']).toEqual({ vr: 'OW', BulkDataURI: 'bulk/7fe00010' });
    expect(json['00400275']).toEqual({ vr: 'SQ', Value: [] });
  });

  it('keeps every digit of 64-bit values beyond 2^53, and gives non-finite floats as null', () => {
    const json = datasetToJsonModel(
      dataset(
        DataElement.fromValues(0x00101001, 'UV', [2n ** 60n + 1n, 5n]),
        DataElement.fromValues(0x00189087, 'FD', [Number.NaN, 1.5]),
      ),
    );
    expect(json['00101001']).toEqual({ vr: 'UV', Value: ['1152921504606846977', 5] });
    expect(json['00189087']).toEqual({ vr: 'FD', Value: [null, 1.5] });
  });
});
