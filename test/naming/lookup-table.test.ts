/**
 * The LUT (seed-features.md §1.4.6): R18 of §1.12 and the reading rules of
 * `radifox.convert.lut` — BOM, line endings, quoting, project and site filters, `None` and
 * `False`, the WIP/CLEAR/SENSE decorations, duplicates, and the default path.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultLutPath,
  emptyLookupTableText,
  LookupTableError,
  lookupTableColumns,
  type NameParts,
  readLookupTable,
} from '../../src/naming/index.js';

const header = 'Project,Site,InstitutionName,SeriesDescription,OutputFilename';
const lut = (...rows: string[]) => [header, ...rows].join('\n');

describe('R18', () => {
  const table = readLookupTable(lut('PROJ,None,None,t2_tse_tra,None-PD', 'PROJ,None,None,odd seq,SPINE'), {
    project: 'PROJ',
  });

  it('splits the name, pads it to six and reads None as unset', () => {
    expect(table.lookup('INST', 't2_tse_tra')).toEqual([null, 'PD', null, null, null, null]);
    expect(table.lookup('INST', 'odd seq')).toEqual(['SPINE', null, null, null, null, null]);
  });

  it('strips a leading "WIP " and a trailing " SENSE" or " CLEAR"', () => {
    expect(table.lookup('INST', 'WIP t2_tse_tra SENSE')).toEqual([null, 'PD', null, null, null, null]);
    expect(table.lookup('INST', 't2_tse_tra CLEAR')).toEqual([null, 'PD', null, null, null, null]);
    // Only one decoration of each kind, and only with its space; case matters.
    expect(table.lookup('INST', 't2_tse_tra SENSE CLEAR')).toEqual([null, null, null, null, null, null]);
    expect(table.lookup('INST', 'wip t2_tse_tra')).toEqual([null, null, null, null, null, null]);
  });

  it('matches the description exactly, case included; no row gives six nulls', () => {
    expect(table.lookup('INST', 'T2_TSE_TRA')).toEqual([null, null, null, null, null, null]);
    expect(table.lookup(null, 'unknown')).toEqual([null, null, null, null, null, null]);
  });

  it('False (any case) means do not convert', () => {
    const skip = readLookupTable(lut('PROJ,None,None,junk,false', 'PROJ,None,None,junk2,FALSE'), {
      project: 'proj',
    });
    expect(skip.lookup('INST', 'junk')).toBe(false);
    expect(skip.lookup('INST', 'junk2')).toBe(false);
  });

  it('an institution-specific row applies only to that institution, and beats the NONE row', () => {
    const specific = readLookupTable(
      lut('PROJ,None,Site A,t2_tse_tra,BRAIN', 'PROJ,None,none,t2_tse_tra,SPINE'),
      {
        project: 'PROJ',
      },
    );
    const bodyPart = (institution: string | null) =>
      (specific.lookup(institution, 't2_tse_tra') as NameParts)[0];
    expect(bodyPart('Site A')).toBe('BRAIN');
    expect(bodyPart('Site B')).toBe('SPINE');
    expect(bodyPart(null)).toBe('SPINE');
    expect(specific.lookupDict()).toEqual({
      'Site A': { t2_tse_tra: 'BRAIN' },
      NONE: { t2_tse_tra: 'SPINE' },
    });
  });
});

describe('reading the CSV', () => {
  it('accepts a BOM and CRLF line ends', () => {
    const text = `\ufeff${[header, 'PROJ,None,None,ax t1,BRAIN-T1', ''].join('\r\n')}`;
    expect(readLookupTable(text, { project: 'PROJ' }).lookup(null, 'ax t1')).toEqual([
      'BRAIN',
      'T1',
      null,
      null,
      null,
      null,
    ]);
  });

  it('reads quoted fields as Python csv does', () => {
    const table = readLookupTable(lut('PROJ,None,"Hospital, North","ax ""t1""",BRAIN'), { project: 'PROJ' });
    expect(table.lookup('Hospital, North', 'ax "t1"')).toEqual(['BRAIN', null, null, null, null, null]);
  });

  it('keeps extras past six fields, and an empty field is unset', () => {
    const table = readLookupTable(
      lut('PROJ,None,None,multi,BRAIN-T2-FSE-2D-AXIAL-PRE-ECHO1', 'PROJ,None,None,gap,BRAIN--SE'),
      {
        project: 'PROJ',
      },
    );
    expect(table.lookup(null, 'multi')).toEqual(['BRAIN', 'T2', 'FSE', '2D', 'AXIAL', 'PRE', 'ECHO1']);
    expect(table.lookup(null, 'gap')).toEqual(['BRAIN', null, 'SE', null, null, null]);
  });

  it('keeps rows of the project (any case) and the site; integer sites compare as numbers', () => {
    const text = lut(
      'OTHER,None,None,ax t1,SPINE',
      'proj,None,None,ax t1,BRAIN',
      'PROJ,01,None,ax t2,ORBITS',
      'PROJ,north,None,ax pd,CHEST',
    );
    expect(readLookupTable(text, { project: 'PROJ' }).lookupDict()).toEqual({ NONE: { 'ax t1': 'BRAIN' } });
    expect(readLookupTable(text, { project: 'PROJ', site: '1' }).lookupDict()).toEqual({
      NONE: { 'ax t2': 'ORBITS' },
    });
    expect(readLookupTable(text, { project: 'PROJ', site: 'NORTH' }).lookupDict()).toEqual({
      NONE: { 'ax pd': 'CHEST' },
    });
  });

  it('a description twice for one site and institution is an error naming the line', () => {
    const text = lut(
      'PROJ,None,None,ax t1,BRAIN',
      'PROJ,None,None,ax t2,BRAIN',
      'PROJ,None,NONE,ax t1,SPINE',
    );
    const read = () => readLookupTable(text, { project: 'PROJ', path: 'proj-lut.csv' });
    expect(read).toThrow(LookupTableError);
    expect(read).toThrow(/proj-lut\.csv line 4 .*'ax t1'.*institution NONE/);
    // The same description for another institution or another project is fine.
    expect(() =>
      readLookupTable(
        lut('PROJ,None,None,ax t1,BRAIN', 'PROJ,None,INST,ax t1,SPINE', 'OTHER,None,None,ax t1,X'),
        {
          project: 'PROJ',
        },
      ),
    ).not.toThrow();
  });

  it('a header without the five columns is an error', () => {
    expect(() => readLookupTable('Project,Site,Description,Name\n', { project: 'PROJ' })).toThrow(
      /no InstitutionName, SeriesDescription, OutputFilename column/,
    );
  });

  it('a short row reads its missing cells as empty', () => {
    expect(readLookupTable(lut('PROJ,None,None,ax t1'), { project: 'PROJ' }).lookup(null, 'ax t1')).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('the LUT file', () => {
  it('defaults to <root>/<project>/<project>-lut.csv in lower case', () => {
    expect(defaultLutPath('/data', 'STUDY')).toBe(join('/data', 'study', 'study-lut.csv'));
    expect(defaultLutPath('/data', 'STUDY', { projectSubdir: false })).toBe(join('/data', 'study-lut.csv'));
  });

  it('a new LUT is the header alone, and reads as empty', () => {
    expect(emptyLookupTableText).toBe(`${lookupTableColumns.join(',')}\n`);
    const table = readLookupTable(emptyLookupTableText, { project: 'PROJ' });
    expect(table.lookupDict()).toEqual({});
    expect(table.lookup('INST', 'anything')).toEqual([null, null, null, null, null, null]);
  });
});
