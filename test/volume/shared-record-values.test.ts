/**
 * SharedRecordValues: the records of a series refer to one copy of each value they repeat
 * (Series Instance UID, Image Type, orientation, pixel spacing, rescale), and every record
 * still reads exactly the values it was made with, and lists them all, in the one key order,
 * to JSON.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDicomFile } from '../../src/sources/index.js';
import { type ImageRecord, recordsOfFile, SharedRecordValues } from '../../src/volume/index.js';
import { corpus, missing } from '../support/requirements.js';

const fieldMap = corpus('dcm_qa/dcm_qa_xa30i/In/9001_gre_field_mapping');
const scout = corpus('dcm_qa/dcm_qa_xa30i/In/2001_AAHead_Scout');

/** Every value a record reads, own or shared, under the keys `like` has, in its order. */
function plain(record: ImageRecord, like: ImageRecord): Record<string, unknown> {
  return Object.fromEntries(Object.keys(like).map((key) => [key, record[key as keyof ImageRecord]]));
}

function recordsOf(folder: string): ImageRecord[] {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const path = join(folder, name);
      return recordsOfFile(readDicomFile(path, { headerOnly: true }).dataset, path).records;
    });
}

describe.skipIf(missing(fieldMap, scout))('shared record values', () => {
  it('keeps every value and key order, and shares what a series repeats', () => {
    const made = recordsOf(fieldMap.path);
    const values = new SharedRecordValues();
    const shared = made.map((record) => values.share(record));
    expect(shared.map((record, index) => plain(record, made[index]!))).toEqual(made);
    for (const [index, record] of shared.entries()) {
      const json = JSON.parse(JSON.stringify(record)) as object;
      expect(Object.keys(json)).toEqual(Object.keys(JSON.parse(JSON.stringify(made[index]!)) as object));
    }
    const [first, ...rest] = shared;
    expect(rest.length).toBeGreaterThan(10);
    for (const record of rest) {
      expect(record.seriesInstanceUID).toBe(first!.seriesInstanceUID);
      expect(record.imageType).toBe(first!.imageType);
      expect(record.orientation).toBe(first!.orientation);
      expect(record.pixelSpacing).toBe(first!.pixelSpacing);
      expect(record.rescale).toBe(first!.rescale);
      // Each slice keeps its own position and file.
      expect(record.position).not.toBe(first!.position);
    }
    // Before sharing, each record had its own copies.
    expect(made[1]!.orientation).not.toBe(made[0]!.orientation);
  });

  it('does not share an array whose values differ', () => {
    // The scout's three planes: orientations differ from file to file.
    const made = recordsOf(scout.path);
    const values = new SharedRecordValues();
    const shared = made.map((record) => values.share(record));
    expect(shared.map((record, index) => plain(record, made[index]!))).toEqual(made);
    const orientations = new Set(shared.map((record) => record.orientation?.join()));
    expect(orientations.size).toBeGreaterThan(1);
    for (let index = 1; index < shared.length; index++) {
      const same = shared[index]!.orientation?.join() === shared[index - 1]!.orientation?.join();
      expect(shared[index]!.orientation === shared[index - 1]!.orientation).toBe(same);
    }
  });

  it('shares the values of series whose files are listed interleaved', () => {
    // Names that sort across series take turns between them: each finds its values among the recent ones.
    const field = recordsOf(fieldMap.path);
    const planes = recordsOf(scout.path);
    const made = field.flatMap((record, index) => [
      record,
      ...(planes[index] === undefined ? [] : [planes[index]!]),
    ]);
    const values = new SharedRecordValues();
    const shared = made.map((record) => values.share(record));
    expect(shared.map((record, index) => plain(record, made[index]!))).toEqual(made);
    const fieldShared = shared.filter((record) => record.seriesInstanceUID === field[0]!.seriesInstanceUID);
    expect(fieldShared.length).toBe(field.length);
    for (const record of fieldShared) {
      expect(record.orientation).toBe(fieldShared[0]!.orientation);
      expect(record.imageType).toBe(fieldShared[0]!.imageType);
    }
  });

  it('gives each record exactly the numbers it was made with, -0 apart from 0', () => {
    const [made] = recordsOf(fieldMap.path);
    const zero = { ...made!, echoTime: 0, rescale: { slope: 1, intercept: 0 } };
    const minusZero = { ...made!, echoTime: -0, rescale: { slope: 1, intercept: -0 } };
    const values = new SharedRecordValues();
    const [first, second, third] = [zero, minusZero, zero].map((record) => values.share(record));
    expect(Object.is(first!.echoTime, 0)).toBe(true);
    expect(Object.is(second!.echoTime, -0)).toBe(true);
    expect(Object.is(second!.rescale.intercept, -0)).toBe(true);
    // Equal values are still shared.
    expect(third!.rescale).toBe(first!.rescale);
  });
});
