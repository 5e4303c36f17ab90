import { describe, expect, it } from 'vitest';
import type { SeriesInfo } from '../../src/naming/series-info.js';
import { type UniqueNameEntry, uniqueNames } from '../../src/naming/unique-names.js';

/** An axial MR series; only what the passes read, the rest absent. */
function series(overrides: Partial<SeriesInfo> & Pick<SeriesInfo, 'SeriesUID'>): SeriesInfo {
  return {
    StudyUID: '1.2',
    SeriesNumber: 1,
    SeriesDescription: 'series',
    Manufacturer: 'SIEMENS',
    ImageType: ['ORIGINAL', 'PRIMARY', 'M'],
    ComplexImageComponent: null,
    EchoTime: 10,
    RepetitionTime: 500,
    FlipAngle: 90,
    TriggerTime: null,
    InversionTime: null,
    ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
    ImagePositionPatient: [0, 0, 0],
    ...overrides,
  } as SeriesInfo;
}

function entry(name: string, info: Partial<SeriesInfo> & Pick<SeriesInfo, 'SeriesUID'>): UniqueNameEntry {
  return { info: series(info), name, manualBodyPart: false, convert: true };
}

function names(entries: UniqueNameEntry[]): string[] {
  return uniqueNames(entries).map((result) => result.name);
}

const p = 'PROJ-S1_1';

describe('uniqueNames', () => {
  it('R21: two folders of one GRE series with TE 20 and 30 are ECHO1-MAG and ECHO2-MAG', () => {
    const results = uniqueNames([
      entry(`${p}_01-01_BRAIN-T2STAR-GRE-2D-AXIAL-PRE`, { SeriesUID: '1.2.5.01', EchoTime: 20 }),
      entry(`${p}_01-02_BRAIN-T2STAR-GRE-2D-AXIAL-PRE`, { SeriesUID: '1.2.5.02', EchoTime: 30 }),
    ]);
    expect(results.map((r) => r.name)).toEqual([
      `${p}_01-01_BRAIN-T2STAR-GRE-2D-AXIAL-PRE-ECHO1-MAG`,
      `${p}_01-02_BRAIN-T2STAR-GRE-2D-AXIAL-PRE-ECHO2-MAG`,
    ]);
    expect(results[1]!.changes.map((c) => c.reason)).toEqual([
      '-ECHO2: EchoTime 30 differs within root UID 1.2.5',
      '-MAG: T2STAR names end in a component (no ComplexImageComponent, magnitude assumed)',
    ]);
  });

  it('R21: a series described sWIP … gets -SUM', () => {
    const sum = entry(`${p}_01-03_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE`, {
      SeriesUID: '1.2.6.01',
      SeriesDescription: 'sWIP T1W_3D_TFE',
      Manufacturer: 'PHILIPS',
    });
    expect(names([sum])).toEqual([`${p}_01-03_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE-SUM`]);
  });

  it('adds -ND to Siemens ND images described *_nd, and only those', () => {
    const nd = { SeriesDescription: 't1_mprage_nd', ImageType: ['ORIGINAL', 'PRIMARY', 'M', 'ND'] };
    expect(
      names([
        entry(`${p}_01-01_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE`, { SeriesUID: '1.1.01', ...nd }),
        entry(`${p}_01-02_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE`, {
          SeriesUID: '1.2.01',
          ...nd,
          Manufacturer: 'GE',
        }),
      ]),
    ).toEqual([
      `${p}_01-01_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE-ND`,
      `${p}_01-02_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE`,
    ]);
  });

  describe('MT pairs', () => {
    it('turns a T1 twin of an MT series into MT…-MTOFF and the MT series into …-MTON', () => {
      expect(
        names([
          entry(`${p}_01-04_BRAIN-T1-SPGR-3D-AXIAL-PRE`, { SeriesUID: '1.3.01' }),
          entry(`${p}_01-04_BRAIN-MT-SPGR-3D-AXIAL-PRE`, { SeriesUID: '1.4.01' }),
        ]),
      ).toEqual([
        `${p}_01-04_BRAIN-MT-SPGR-3D-AXIAL-PRE-MTOFF`,
        `${p}_01-04_BRAIN-MT-SPGR-3D-AXIAL-PRE-MTON`,
      ]);
    });

    it('needs the same TE, FA and TR and the same image ID', () => {
      const unchanged = [
        entry(`${p}_01-04_BRAIN-T1-SPGR-3D-AXIAL-PRE`, { SeriesUID: '1.3.01', FlipAngle: 5 }),
        entry(`${p}_01-04_BRAIN-MT-SPGR-3D-AXIAL-PRE`, { SeriesUID: '1.4.01' }),
        entry(`${p}_01-05_BRAIN-T1-SPGR-3D-AXIAL-PRE`, { SeriesUID: '1.5.01' }),
      ];
      expect(names(unchanged)).toEqual(unchanged.map((e) => e.name));
    });

    it('leaves a T2STAR twin its modality (RADIFOX replaces only -T1-)', () => {
      expect(
        names([
          entry(`${p}_01-04_BRAIN-T2STAR-GRE-3D-AXIAL-PRE`, { SeriesUID: '1.3.01' }),
          entry(`${p}_01-04_BRAIN-MT-GRE-3D-AXIAL-PRE`, { SeriesUID: '1.4.01' }),
        ]),
      ).toEqual([
        `${p}_01-04_BRAIN-T2STAR-GRE-3D-AXIAL-PRE-MTOFF-MAG`,
        `${p}_01-04_BRAIN-MT-GRE-3D-AXIAL-PRE-MTON`,
      ]);
    });
  });

  describe('spine levels', () => {
    const spine = (uid: string, z: number, bodyPart = 'SPINE') =>
      entry(`${p}_01-0${uid}_${bodyPart}-T2-FSE-2D-SAGITTAL-PRE`, {
        SeriesUID: `1.${uid}.01`,
        SeriesNumber: Number(uid),
        SeriesDescription: 'sag t2',
        ImagePositionPatient: [0, 0, z],
      });

    it('orders by z, head first, and steps C → T → L at jumps over 100 mm', () => {
      expect(names([spine('1', -400), spine('2', 0), spine('3', -180), spine('4', -60)])).toEqual([
        `${p}_01-01_LSPINE-T2-FSE-2D-SAGITTAL-PRE`,
        `${p}_01-02_CSPINE-T2-FSE-2D-SAGITTAL-PRE`,
        `${p}_01-03_TSPINE-T2-FSE-2D-SAGITTAL-PRE`,
        `${p}_01-04_CSPINE-T2-FSE-2D-SAGITTAL-PRE`,
      ]);
    });

    it('starts from a specific first level and caps at LSPINE', () => {
      expect(names([spine('1', 0, 'TSPINE'), spine('2', -200), spine('3', -400)])).toEqual([
        `${p}_01-01_TSPINE-T2-FSE-2D-SAGITTAL-PRE`,
        `${p}_01-02_LSPINE-T2-FSE-2D-SAGITTAL-PRE`,
        `${p}_01-03_LSPINE-T2-FSE-2D-SAGITTAL-PRE`,
      ]);
    });

    it('leaves manual body parts alone', () => {
      const manual = { ...spine('1', 0), manualBodyPart: true };
      expect(names([manual])).toEqual([manual.name]);
    });
  });

  describe('folders split from one SeriesInstanceUID', () => {
    it('dcmqa-philips: three EPI folders differing in TriggerTime are DYN1..3', () => {
      const results = uniqueNames(
        [0, 2000, 4000].map((trigger, i) =>
          entry(`QA-DCMQA-PHILIPS_1_01-01_UNK-UNK-EPI-2D-AXIAL-PRE`, {
            SeriesUID: `1.3.46.670589.11.38317.5.0.4496.2014021409060423022.0${i + 1}`,
            SeriesDescription: 'EPI_asc',
            Manufacturer: 'PHILIPS',
            EchoTime: 30.001,
            TriggerTime: trigger,
          }),
        ),
      );
      expect(results.map((r) => r.name.split('-').at(-1))).toEqual(['DYN1', 'DYN2', 'DYN3']);
      expect(results[2]!.changes[0]!.reason).toBe(
        '-DYN3: TriggerTime differs within root UID 1.3.46.670589.11.38317.5.0.4496.2014021409060423022',
      );
    });

    it('dcmqa-table-ph: a dual-echo magnitude/phase series is ECHO1/2 × MAG/PHA', () => {
      const folders = [
        [7.001, 'MAGNITUDE'],
        [10, 'MAGNITUDE'],
        [7.001, 'PHASE'],
        [10, 'PHASE'],
      ] as const;
      const base = 'QA-DCMQA-TABLE-PH_1_01-01_BRAIN-T1-SPGR-2D-AXIAL-PRE';
      expect(
        names(
          folders.map(([echoTime, component], i) =>
            entry(base, {
              SeriesUID: `1.3.46.670589.11.38109.5.0.13652.2023102414525915777.0${i + 1}`,
              SeriesDescription: 'Dual-echo_iso',
              EchoTime: echoTime,
              ComplexImageComponent: component,
            }),
          ),
        ),
      ).toEqual([`${base}-ECHO1-MAG`, `${base}-ECHO2-MAG`, `${base}-ECHO1-PHA`, `${base}-ECHO2-PHA`]);
    });

    it('dcmqa-table-ge: 2 × 50 identical single-file folders are DYN1..DYN50 in SeriesUID order', () => {
      const entries = ['243', '256'].flatMap((root, r) =>
        Array.from({ length: 50 }, (_, i) =>
          entry(`QA-DCMQA-TABLE-GE_1_01-0${r + 1}_BRAIN-UNK-EPI-2D-AXIAL-PRE`, {
            SeriesUID: `1.2.840.113619.2.495.10795885.11654451.28276.1722525931.${root}.${String(i + 1).padStart(2, '0')}`,
            SeriesNumber: r === 0 ? 2 : 6,
            SeriesDescription: 'Ax fMRI',
            Manufacturer: 'GE',
            ImageType: ['ORIGINAL', 'PRIMARY', 'OTHER'],
          }),
        ),
      );
      const shuffled = [...entries].reverse();
      const results = uniqueNames(shuffled);
      const byUid = new Map(results.map((r) => [r.info.SeriesUID, r.name]));
      entries.forEach((e, n) => {
        expect(byUid.get(e.info.SeriesUID)).toBe(`${e.name}-DYN${(n % 50) + 1}`);
      });
      expect(results[0]!.changes[0]!.reason).toMatch(
        /^-DYN50: root UID .*\.256 has 50 folders that differ in none/,
      );
    });

    it('treats orientations within 1e-4 as equal', () => {
      expect(
        names([
          entry(`${p}_01-01_BRAIN-T1-SE-2D-AXIAL-PRE`, { SeriesUID: '1.7.01' }),
          entry(`${p}_01-01_BRAIN-T1-SE-2D-AXIAL-PRE`, {
            SeriesUID: '1.7.02',
            ImageOrientationPatient: [1, 0, 0.00009, 0, 1, 0],
          }),
        ]),
      ).toEqual([`${p}_01-01_BRAIN-T1-SE-2D-AXIAL-PRE-DYN1`, `${p}_01-01_BRAIN-T1-SE-2D-AXIAL-PRE-DYN2`]);
    });

    it('names orientation changes POS<k> by z, top first', () => {
      const base = `${p}_01-01_BRAIN-T2-FSE-2D-SAGITTAL-PRE`;
      const part = (uid: string, orientation: number[], z: number) =>
        entry(base, {
          SeriesUID: uid,
          ImageOrientationPatient: orientation,
          ImagePositionPatient: [0, 0, z],
        });
      const results = uniqueNames([
        part('1.8.01', [0, 1, 0, 0, 0, -1], -300),
        part('1.8.02', [0, 1, 0.2, 0, 0.2, -1], 100),
      ]);
      expect(results.map((r) => r.name)).toEqual([`${base}-POS2`, `${base}-POS1`]);
    });

    it('ranks inversion times ascending (INV<k>)', () => {
      const base = `${p}_01-02_BRAIN-T1-IRFSPGR-3D-SAGITTAL-PRE`;
      expect(
        names([
          entry(base, { SeriesUID: '1.9.01', InversionTime: 2500 }),
          entry(base, { SeriesUID: '1.9.02', InversionTime: 700 }),
        ]),
      ).toEqual([`${base}-INV2`, `${base}-INV1`]);
    });

    it('adds nothing when the body parts already tell the folders apart', () => {
      const unchanged = [
        entry(`${p}_01-01_BRAIN-T2-FSE-2D-CORONAL-PRE`, { SeriesUID: '1.10.01', EchoTime: 90 }),
        entry(`${p}_01-01_ORBITS-T2-FSE-2D-CORONAL-PRE`, { SeriesUID: '1.10.02', EchoTime: 100 }),
      ];
      expect(names(unchanged)).toEqual(unchanged.map((e) => e.name));
    });

    it('turns a short-TE T1 echo into T2STAR when another echo is T2STAR', () => {
      expect(
        names([
          entry(`${p}_01-01_BRAIN-T1-GRE-3D-AXIAL-PRE`, { SeriesUID: '1.11.01', EchoTime: 5 }),
          entry(`${p}_01-01_BRAIN-T2STAR-GRE-3D-AXIAL-PRE`, { SeriesUID: '1.11.02', EchoTime: 20 }),
        ]),
      ).toEqual([
        `${p}_01-01_BRAIN-T2STAR-GRE-3D-AXIAL-PRE-ECHO1-MAG`,
        `${p}_01-01_BRAIN-T2STAR-GRE-3D-AXIAL-PRE-ECHO2-MAG`,
      ]);
    });

    it('falls back to DYN when a differing value is absent (RADIFOX cannot rank None)', () => {
      const base = `${p}_01-01_BRAIN-T1-SE-2D-AXIAL-PRE`;
      expect(
        names([
          entry(base, { SeriesUID: '1.12.01', EchoTime: null, ComplexImageComponent: 'MAGNITUDE' }),
          entry(base, { SeriesUID: '1.12.02', EchoTime: 10, ComplexImageComponent: null }),
        ]),
      ).toEqual([`${base}-MAG-DYN1`, `${base}-DYN2`]);
    });
  });

  it('ends T2STAR names in their component, MAG by default, unless already MAG/PHA/SWI', () => {
    expect(
      names([
        entry(`${p}_01-01_BRAIN-T2STAR-GRE-2D-AXIAL-PRE`, {
          SeriesUID: '1.1.01',
          ComplexImageComponent: 'PHASE',
        }),
        entry(`${p}_01-02_BRAIN-T2STAR-GRE-2D-AXIAL-PRE`, { SeriesUID: '1.2.01' }),
        entry(`${p}_01-03_BRAIN-T2STAR-GRE-2D-AXIAL-PRE-SWI`, {
          SeriesUID: '1.3.01',
          ComplexImageComponent: 'SWI',
        }),
      ]),
    ).toEqual([
      `${p}_01-01_BRAIN-T2STAR-GRE-2D-AXIAL-PRE-PHA`,
      `${p}_01-02_BRAIN-T2STAR-GRE-2D-AXIAL-PRE-MAG`,
      `${p}_01-03_BRAIN-T2STAR-GRE-2D-AXIAL-PRE-SWI`,
    ]);
  });

  it('does not convert a DERIVED PRIMARY series named like an ORIGINAL PRIMARY one', () => {
    const name = `${p}_01-01_BRAIN-T1-SE-2D-AXIAL-PRE`;
    const results = uniqueNames([
      entry(name, { SeriesUID: '1.1.01', ImageType: ['DERIVED', 'PRIMARY', 'M'] }),
      entry(name, { SeriesUID: '2.1.01' }),
      entry(`${p}_01-02_BRAIN-T1-SE-2D-AXIAL-PRE`, {
        SeriesUID: '3.1.01',
        ImageType: ['DERIVED', 'PRIMARY'],
      }),
    ]);
    expect(results.map((r) => r.convert)).toEqual([false, true, true]);
    expect(results[0]!.changes[0]!.reason).toBe(
      'not converted: DERIVED PRIMARY duplicate of ORIGINAL PRIMARY series 2.1.01',
    );
  });

  it('leaves series that are not converted out of every pass, and keeps the input order', () => {
    const base = `${p}_01-01_BRAIN-T1-SE-2D-AXIAL-PRE`;
    const skipped = {
      ...entry(`${base}`, { SeriesUID: '1.13.02', SeriesDescription: 'sWIP x' }),
      convert: false,
    };
    const results = uniqueNames([skipped, entry(base, { SeriesUID: '1.13.01' })]);
    expect(results.map((r) => [r.name, r.convert, r.changes.length])).toEqual([
      [base, false, 0],
      [base, true, 0],
    ]);
  });
});
