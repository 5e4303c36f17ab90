/**
 * The records API on real corpus series (a copy, since edits write files), on SQLite and on a
 * real PostgreSQL server: navigation and labels, attribute reads at every level, edits that
 * write valid DICOM (dcmdump, pydicom, dciodvfy), copies and moves that keep the hierarchy
 * consistent with new valid UIDs, removal, new records, import, and `restore()` bringing every
 * file back byte for byte (dbdicom, seed-features.md §3.2–3.4).
 */

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getString } from '../../src/dicom/index.js';
import { ndarray } from '../../src/ndarray/index.js';
import {
  type Database,
  type OpenedDatabase,
  openDatabase,
  progressText,
  RecordEditError,
  type Series,
  silentMessaging,
  textMessaging,
} from '../../src/records/index.js';
import { readDicomFile } from '../../src/sources/index.js';
import {
  corpus,
  missing,
  type Prerequisite,
  postgres,
  pydicom,
  referencePython,
  tool,
} from '../support/requirements.js';
import { serverDatabase } from '../support/server-database.js';

const mr = corpus('dcm_qa/dcm_qa_xa30i/In');
const ct = corpus('pydicom/pydicom/src/pydicom/data/test_files/dicomdirtests/77654033/CT2');
const extra = corpus('dicom2nifti/tests/data/hitachi/anatomical/001');
const work = mkdtempSync(join(tmpdir(), 'radkit-records-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** sha256 of every file under `folder` (hidden folders aside), by relative path. */
function digest(folder: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      else out.set(`${prefix}${name}`, createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(folder, '');
  return out;
}

const uidPattern = /^(0|[1-9]\d*)(\.(0|[1-9]\d*))*$/;

const backends = [
  { name: 'SQLite', needs: [], db: (folder: string) => join(folder, '.radkit', 'index.sqlite') },
  { name: 'PostgreSQL', needs: [postgres()], db: () => serverDatabase('radkit_records') },
];

for (const backend of backends) {
  describe.skipIf(
    missing(mr, ct, extra, pydicom(), tool('dcmdump'), tool('dciodvfy', ['-']), ...backend.needs),
  )(`records API (${backend.name})`, () => {
    const folder = join(work, backend.name);
    let opened: OpenedDatabase;
    let database: Database;
    let original = new Map<string, string>();

    beforeAll(async () => {
      cpSync(mr.path, join(folder, 'mr'), { recursive: true });
      cpSync(ct.path, join(folder, 'ct'), { recursive: true });
      original = digest(folder);
      opened = await openDatabase(folder, { db: backend.db(folder) });
      database = opened.database;
    }, 120_000);
    afterAll(async () => {
      await opened?.close();
    });

    it('navigates the hierarchy and labels records as dbdicom does', async () => {
      const patients = await database.patients();
      const studies = await database.studies();
      const series = await database.series();
      const instances = await database.instances();
      expect([patients.length, studies.length, series.length, instances.length]).toEqual([2, 2, 7, 114]);
      const ctSeries = (await database.series({ Modality: 'CT' }))[0]!;
      expect(ctSeries.label()).toBe('Series 002 [Routine Brain]');
      const study = (await ctSeries.parent())!;
      expect(study.label()).toBe('Study CT, HEAD/BRAIN WO CONTRAST [19950903]');
      expect((await study.parent())!.label()).toBe('Patient Doe^Archibald');
      const labels = (await ctSeries.children()).map((instance) => instance.label());
      expect(labels).toHaveLength(4);
      for (const label of labels) expect(label).toMatch(/^CTImage \d{6}$/);
      const fieldMaps = await database.series({ SeriesDescription: 'gre_field_mapping' });
      expect(fieldMaps).toHaveLength(3);
      expect(await fieldMaps[0]!.siblings({ SeriesDescription: 'gre_field_mapping' })).toHaveLength(2);
      const tree = await database.print();
      expect(tree).toContain('---------- DATABASE');
      expect(tree).toContain('\n      Series 002 [Routine Brain]\n        Nr of instances: 4\n');
      expect(tree.split('\n')[0]).toBe('---------- DATABASE --------------');
      expect((await ctSeries.print()).split('\n').slice(0, 2)).toEqual([
        '---------- SERIES --------------',
        'Series 002 [Routine Brain]',
      ]);
    });

    it('reads attributes: one value, the sorted unique values, or undefined', async () => {
      expect(await database.get('PatientName')).toEqual(['Development', 'Doe^Archibald']);
      const fieldMaps = await database.series({ SeriesDescription: 'gre_field_mapping' });
      expect(await fieldMaps[0]!.get('SeriesDescription')).toBe('gre_field_mapping');
      expect(await database.get('EchoTime')).toEqual([1.37, 10, 12.46]);
      const instance = (await fieldMaps[0]!.instances())[0]!;
      expect(await instance.get('ImageOrientationPatient')).toHaveLength(6);
      expect(await instance.get('(0018,0087)')).toBe(3);
      expect(await instance.get([0x0018, 0x0087])).toBe(3);
      expect(await instance.get('ContrastBolusAgent')).toBeUndefined();
      expect(await database.getMany(['Modality', 'PatientSex'])).toEqual([['CT', 'MR'], 'F']);
    });

    it('writes an attribute into the files (valid DICOM), and restore() brings them back byte for byte', async () => {
      const ctSeries = (await database.series({ Modality: 'CT' }))[0]!;
      const files = await ctSeries.files();
      await ctSeries.set('SeriesDescription', 'Renamed');
      const renamed = (await database.series({ Modality: 'CT' }))[0]!;
      expect(renamed.label()).toBe('Series 002 [Renamed]');
      expect(await renamed.unsaved()).toBe(true);
      const dump = spawnSync('dcmdump', [files[0]!], { encoding: 'utf8' });
      expect(dump.stdout).toMatch(/\(0008,103e\) LO \[Renamed\]/);
      const py = spawnSync(
        referencePython,
        [
          '-c',
          'import sys,pydicom; d=pydicom.dcmread(sys.argv[1]); print(d.SeriesDescription, d.pixel_array.shape)',
          files[0]!,
        ],
        { encoding: 'utf8' },
      );
      expect(py.stdout.trim()).toBe('Renamed (16, 16)');
      const errors = (file: string) =>
        spawnSync('dciodvfy', [file], { encoding: 'utf8' })
          .stderr.split('\n')
          .filter((line) => line.startsWith('Error'));
      const before = errors(join(ct.path, 'CT2N'));
      expect(errors(files.find((file) => file.endsWith('CT2N'))!)).toEqual(before);

      expect(await renamed.restore()).toBe(4);
      expect(digest(folder)).toEqual(original);
      expect((await database.series({ Modality: 'CT' }))[0]!.label()).toBe('Series 002 [Routine Brain]');
    });

    it('refuses to set the UIDs that place a record', async () => {
      const patient = (await database.patients())[0]!;
      await expect(patient.set('PatientID', 'x')).rejects.toBeInstanceOf(RecordEditError);
    });

    it('copies a series into another study with new valid UIDs and the target’s attributes', async () => {
      const ctSeries = (await database.series({ Modality: 'CT' }))[0]!;
      const mrStudy = (await database.studies({ PatientName: 'Development' }))[0]!;
      const before = await mrStudy.series();
      const copy = (await ctSeries.copyTo(mrStudy)) as Series;
      expect(copy.row.StudyInstanceUID).toBe(mrStudy.row.StudyInstanceUID);
      expect(copy.row.SeriesInstanceUID).not.toBe(ctSeries.row.SeriesInstanceUID);
      expect(String(copy.row.SeriesInstanceUID)).toMatch(uidPattern);
      expect(String(copy.row.SeriesInstanceUID).length).toBeLessThanOrEqual(64);
      const maxNumber = Math.max(...before.map((series) => Number(series.row.SeriesNumber)));
      expect(copy.row.SeriesNumber).toBe(maxNumber + 1);
      expect(await copy.get('PatientName')).toBe('Development');
      const instances = await copy.instances();
      expect(instances).toHaveLength(4);
      expect(new Set(instances.map((instance) => instance.row.SOPInstanceUID)).size).toBe(4);
      expect(await ctSeries.instances()).toHaveLength(4);
      // The copy of a series beside itself (dbdicom D11): the next series number.
      const beside = await ctSeries.copy({ SeriesDescription: 'CT copy' });
      expect(beside.label()).toBe('Series 003 [CT copy]');
      await database.restore();
      expect(digest(folder)).toEqual(original);
      expect(await database.series()).toHaveLength(7);
    });

    it('moves a series to another patient, renumbered, and restore() undoes it', async () => {
      const ctSeries = (await database.series({ Modality: 'CT' }))[0]!;
      const mrStudy = (await database.studies({ PatientName: 'Development' }))[0]!;
      await ctSeries.moveTo(mrStudy);
      const moved = (await database.series({ Modality: 'CT' }))[0]!;
      expect(moved.row.StudyInstanceUID).toBe(mrStudy.row.StudyInstanceUID);
      expect(await moved.get('PatientName')).toBe('Development');
      expect(await database.patients()).toHaveLength(1);
      await database.restore();
      expect(digest(folder)).toEqual(original);
      expect(await database.patients()).toHaveLength(2);
    });

    it('removes a series until restore(), and for good after save()', async () => {
      const ctSeries = (await database.series({ Modality: 'CT' }))[0]!;
      const files = await ctSeries.files();
      await ctSeries.remove();
      expect(files.some((file) => existsSync(file))).toBe(false);
      expect(await database.series({ Modality: 'CT' })).toHaveLength(0);
      await database.restore();
      expect(digest(folder)).toEqual(original);
      const again = (await database.series({ Modality: 'CT' }))[0]!;
      await again.remove();
      expect(await database.save()).toBe(4);
      expect(await database.restore()).toBe(0);
      expect(await database.series({ Modality: 'CT' })).toHaveLength(0);
      expect(readdirSync(join(folder, '.radkit', 'journal'))).toEqual([]);
    });

    it('makes new records with dbdicom’s defaults, and imports files once', async () => {
      const series = await database.newSeries({ SeriesDescription: 'From arrays' });
      expect(series.label()).toBe('Series 001 [From arrays]');
      expect(await series.empty()).toBe(true);
      const study = (await series.parent())!;
      expect(study.label()).toBe('Study New Study [None]');
      expect((await study.parent())!.label()).toBe('Patient New Patient');
      expect(await study.empty()).toBe(false);
      expect(String(series.row.SeriesInstanceUID)).toMatch(uidPattern);
      const sibling = await series.newSibling();
      expect(sibling.label()).toBe('Series 002 [New Series]');
      const pibling = await series.newPibling({ StudyDescription: 'Follow-up' });
      expect(pibling.label()).toBe('Study Follow-up [None]');
      expect((await pibling.parent())!.id).toBe((await study.parent())!.id);

      // A new instance from a dataset: the series' attributes, a new UID, the next number.
      const mr = (await database.series({ SeriesDescription: 'gre_field_mapping' }))[0]!;
      const template = readDicomFile((await mr.files())[0]!).dataset;
      const made = await mr.newInstance(template);
      expect(made.row.SOPInstanceUID).not.toBe(getString(template, 'SOPInstanceUID'));
      expect(made.row.SeriesInstanceUID).toBe(mr.row.SeriesInstanceUID);
      expect(made.label()).toBe(`MRImage ${String(Number(mr.row.instances) + 1).padStart(6, '0')}`);

      // read() keeps the files in memory; copies then come from memory; clear() lets go.
      expect(await mr.read()).toBe(Number(mr.row.instances) + 1);
      expect(opened.context.memory.size).toBe(Number(mr.row.instances) + 1);
      const fromMemory = await (await mr.instances())[0]!.copy();
      expect(fromMemory.label()).toMatch(/^MRImage \d{6}$/);
      await mr.clear();
      expect(opened.context.memory.size).toBe(0);

      const files = readdirSync(extra.path).map((name) => join(extra.path, name));
      const first = await database.importDicom(files);
      expect(first.imported.length).toBeGreaterThan(0);
      expect(first.imported.length + first.unreadable.length).toBe(files.length);
      const second = await database.importDicom(files);
      expect([second.imported.length, second.duplicates.length]).toEqual([0, first.imported.length]);
      expect(await database.instances()).toHaveLength(112 + first.imported.length);
      await database.restore();
      expect(await mr.instances()).toHaveLength(Number(mr.row.instances));
      // 114 less the CT series removed and saved above.
      expect(await database.instances()).toHaveLength(110);
    });
  });
}

function arraysTests(name: string, needs: Prerequisite[], dbFor: (folder: string) => string) {
  describe.skipIf(missing(ct, pydicom(), ...needs))(`series arrays and exports (${name})`, () => {
    const folder = join(work, `${name}-arrays`);
    let opened: OpenedDatabase;
    let database: Database;
    let original = new Map<string, string>();
    beforeAll(async () => {
      cpSync(ct.path, join(folder, 'ct'), { recursive: true });
      original = digest(folder);
      opened = await openDatabase(folder, { db: dbFor(folder) });
      database = opened.database;
    }, 120_000);
    afterAll(async () => {
      await opened?.close();
    });

    it('makes a series of zeros as dbdicom does (D3, D4, D5)', async () => {
      const zeros = await database.zeros([128, 64, 3, 2]);
      expect(zeros.label()).toBe('Series 001 [New Series]');
      expect(await zeros.get('PatientName')).toBe('New Patient');
      const instances = await zeros.instances();
      expect(instances.map((instance) => instance.label())).toEqual(
        [1, 2, 3, 4, 5, 6].map((n) => `MRImage ${String(n).padStart(6, '0')}`),
      );
      const sorted = await zeros.array(['SliceLocation', 'AcquisitionTime']);
      expect(sorted.array.shape).toEqual([3, 2, 1, 128, 64]);
      expect(sorted.headers.shape).toEqual([3, 2, 1]);
      expect(sorted.headers.instances.every((instance) => instance !== null)).toBe(true);
      expect(
        (await zeros.array(['SliceLocation', 'AcquisitionTime'], { pixelsFirst: true })).array.shape,
      ).toEqual([128, 64, 3, 2, 1]);
      expect(await zeros.get('SliceLocation')).toEqual([0, 1, 2]);
      await zeros.set('SeriesDescription', 'Renamed');
      expect((await database.series({ SeriesDescription: 'Renamed' }))[0]!.label()).toBe(
        'Series 001 [Renamed]',
      );
      // dbdicom D7: the matching instances copied into a new sibling.
      const sub = await zeros.subseries({ SliceLocation: 1 });
      expect(sub.label()).toBe('Series 002 [Renamed]');
      expect(await sub.instances()).toHaveLength(2);
      await expect(database.zeros([4, 4, 2, 2, 2])).rejects.toThrow(/more than 4 dimensions/);
    });

    it('writes an array into a series and reads it back, and restore() undoes it', async () => {
      const series = (await database.series({ Modality: 'CT' }))[0]!;
      const before = await series.array(['InstanceNumber']);
      const doubled = before.array.data.map((value) => value * 2 + 0.5);
      await series.setArray({ ...before.array, data: doubled }, { sortBy: ['InstanceNumber'] });
      const after = await (await database.series({ Modality: 'CT' }))[0]!.array(['InstanceNumber']);
      expect(after.array.shape).toEqual(before.array.shape);
      const slopes = await (await database.series({ Modality: 'CT' }))[0]!.get('RescaleSlope');
      const slope = Math.max(...[slopes].flat().map(Number));
      let worst = 0;
      for (let n = 0; n < doubled.length; n++)
        worst = Math.max(worst, Math.abs(after.array.data[n]! - doubled[n]!));
      expect(worst).toBeLessThanOrEqual(slope / 2 + 1e-6);
      const made = await database.seriesFromArray(
        ndarray(new Float32Array([1.5, 2.5, 3.5, 4.5, 5.5, 6.5]), [3, 2, 1]),
        {
          attributes: { SeriesDescription: 'From an array' },
        },
      );
      expect(made.label()).toBe('Series 001 [From an array]');
      const back = await made.array(['SliceLocation'], { pixelsFirst: true });
      expect(Array.from(back.array.data)).toEqual([1.5, 2.5, 3.5, 4.5, 5.5, 6.5]);
      await database.restore();
      expect(digest(folder)).toEqual(original);
    });

    it('maps a series and a mask onto another series’ geometry', async () => {
      // A source whose value is a linear function of the patient position (mm): trilinear
      // interpolation gives it back exactly anywhere inside.
      const ramp = (x: number, y: number, z: number) => x + 10 * y + 50 * z;
      const [nx, ny, nz] = [4, 5, 3];
      const values = new Float32Array(nx * ny * nz);
      for (let x = 0; x < nx; x++)
        for (let y = 0; y < ny; y++)
          for (let z = 0; z < nz; z++) values[(x * ny + y) * nz + z] = ramp(x, y, 2 * z);
      const plane = { ImageOrientationPatient: [1, 0, 0, 0, 1, 0], SliceThickness: 2 };
      const source = await database.seriesFromArray(ndarray(values, [nx, ny, nz]), {
        attributes: {
          ...plane,
          PixelSpacing: [1, 1],
          ImagePositionPatient: [0, 1, 2].map((z) => [0, 0, 2 * z]) as unknown as number[],
          SeriesDescription: 'ramp',
        },
      });
      // The target: 2 mm pixels, slices between the source's.
      const target = await database.seriesFromArray(ndarray(new Float32Array(8), [2, 2, 2]), {
        attributes: {
          ...plane,
          PixelSpacing: [2, 2],
          ImagePositionPatient: [1, 3].map((z) => [0, 0, z]) as unknown as number[],
          SeriesDescription: 'grid',
        },
      });
      const mapped = await source.mapTo(target);
      expect(mapped.label()).toMatch(/\[ramp \[mapped to grid\]\]$/);
      const result = await mapped.array(['SliceLocation'], { pixelsFirst: true });
      expect(result.array.shape).toEqual([2, 2, 2, 1]);
      const expected: number[] = [];
      for (let x = 0; x < 2; x++)
        for (let y = 0; y < 2; y++) for (const z of [1, 3]) expected.push(ramp(2 * x, 2 * y, z));
      const slope = Math.max(...[await mapped.get('RescaleSlope')].flat().map((value) => Number(value ?? 1)));
      for (let n = 0; n < expected.length; n++)
        expect(Math.abs(result.array.data[n]! - expected[n]!)).toBeLessThanOrEqual(slope / 2 + 1e-6);
      // A mask keeps labels: nearest neighbour, then 0 or 1.
      const masked = await (await source.mapMaskTo(target)).array(['SliceLocation'], { pixelsFirst: true });
      expect(new Set(masked.array.data)).toEqual(new Set([1]));
      await database.restore();
      expect(digest(folder)).toEqual(original);
    });

    it('exports series as DICOM, NIfTI, NumPy, PNG and CSV', async () => {
      const out = join(work, `${name}-exports`);
      const series = (await database.series({ Modality: 'CT' }))[0]!;
      const [dicomFolder] = await series.exportAsDicom(out);
      expect(readdirSync(dicomFolder!)).toHaveLength(4);
      expect(dicomFolder).toMatch(/Series_002__Routine_Brain_$/);
      const [again] = await series.exportAsDicom(out);
      expect(again).toMatch(/Series_002__Routine_Brain_ \[2\]$/);
      const [niftiFolder] = await series.exportAsNifti(out);
      expect(readdirSync(niftiFolder!).some((file) => file.endsWith('.nii.gz'))).toBe(true);
      const [npy] = await series.exportAsNpy(out, { sortBy: ['InstanceNumber'] });
      const shape = spawnSync(
        referencePython,
        ['-c', 'import sys,numpy; print(numpy.load(sys.argv[1]).shape)', npy!],
        {
          encoding: 'utf8',
        },
      );
      expect(shape.stdout.trim()).toBe('(4, 1, 16, 16)');
      const [pngFolder] = await series.exportAsPng(out);
      expect(readdirSync(pngFolder!).filter((file) => file.endsWith('.png'))).toHaveLength(4);
      const [csvFolder] = await series.exportAsCsv(out);
      expect(readdirSync(csvFolder!).filter((file) => file.endsWith('.csv'))).toHaveLength(4);
      // A higher record exports each of its series that holds files.
      const all = await database.exportAsDicom(join(out, 'all'));
      const holding = (await database.series()).filter((item) => Number(item.row.instances) > 0);
      expect(all).toHaveLength(holding.length);
    });
  });
}

arraysTests('SQLite', [], (folder) => join(folder, '.radkit', 'index.sqlite'));
arraysTests('PostgreSQL', [postgres()], () => serverDatabase('radkit_records'));

describe.skipIf(missing(ct, tool('tar'), tool('zip')))('a series inside an archive', () => {
  /** Open an index of `folder` holding the CT series as `holder` made from `ct.path`. */
  /** What the scan's progress said, by index folder. */
  const progressOf = new Map<string, string[]>();

  async function openWith(name: string, make: (folder: string) => string[]): Promise<OpenedDatabase> {
    const folder = join(work, `archived-${name}`);
    mkdirSync(folder, { recursive: true });
    const [command, ...args] = make(folder);
    const made = spawnSync(command!, args, { encoding: 'utf8', cwd: ct.path });
    expect(made.status, made.stderr).toBe(0);
    const said: string[] = [];
    progressOf.set(name, said);
    const status = {
      ...silentMessaging.status,
      progress: (done: number, total: number, message?: string) => said.push(`${message} ${done}/${total}`),
    };
    return openDatabase(folder, {
      db: join(folder, '.radkit', 'index.sqlite'),
      messaging: { ...silentMessaging, status },
    });
  }

  it('reads, copies and exports members of a .tar.gz, a .tar and a zip as it does the same files in a folder', async () => {
    const files = readdirSync(ct.path).sort();
    const plain = await openWith('folder', (folder) => ['cp', '-r', ct.path, join(folder, 'ct')]);
    const tarred = await openWith('tar', (folder) => ['tar', 'czf', join(folder, 'ct.tar.gz'), '.']);
    const uncompressed = await openWith('plain-tar', (folder) => ['tar', 'cf', join(folder, 'ct.tar'), '.']);
    const zipped = await openWith('zip', (folder) => ['zip', '-q', join(folder, 'ct.zip'), ...files]);
    const savedTmpdir = process.env.TMPDIR;
    try {
      // Reading an archive's members says so, with how far into its file (MiB) the reading is.
      expect(progressOf.get('tar')).toContain('reading ct.tar.gz (MiB) 0/0');
      expect(progressOf.get('zip')).toContain('reading ct.zip (MiB) 0/0');
      expect(progressOf.get('folder')!.some((said) => said.startsWith('reading ct'))).toBe(false);
      const reference = (await plain.database.series())[0]!;
      const expected = await reference.array(['InstanceNumber']);
      const expectedMapped = await (await reference.mapTo(reference)).array(['InstanceNumber']);
      for (const opened of [tarred, uncompressed, zipped]) {
        const series = (await opened.database.series())[0]!;
        expect((await series.files())[0]).toMatch(/ct\.(tar\.gz|tar|zip)!/);
        // A zip's or a tar's members are read where they lie, so every call works with a TMPDIR
        // that cannot be written; a .tar.gz's are extracted there while a call runs.
        if (opened === tarred) restoreTmpdir(savedTmpdir);
        else process.env.TMPDIR = join(work, 'no-such-tmpdir');
        const got = await series.array(['InstanceNumber']);
        expect(got.array.shape).toEqual(expected.array.shape);
        expect(got.array.data).toEqual(expected.array.data);
        expect(got.headers.instances.map((instance) => instance?.row.SOPInstanceUID)).toEqual(
          expected.headers.instances.map((instance) => instance?.row.SOPInstanceUID),
        );
        // Exported DICOM: the members byte for byte, under their own names.
        const [dicom] = await series.exportAsDicom(join(work, 'archived-out'));
        expect(readdirSync(dicom!).sort()).toEqual(files);
        for (const file of files)
          expect(readFileSync(join(dicom!, file)).equals(readFileSync(join(ct.path, file)))).toBe(true);
        const [nifti] = await series.exportAsNifti(join(work, 'archived-out'));
        // %f of the default names: the archive's stem, as for the folder it was made from.
        expect(readdirSync(nifti!).filter((file) => file.endsWith('.nii.gz'))).toEqual([
          expect.stringMatching(/^ct_/),
        ]);
        expect(await series.read()).toBe(files.length);
        // Mapping reads the members as one volume (readImage) and as templates.
        const mapped = await (await series.mapTo(series)).array(['InstanceNumber']);
        expect(mapped.array.shape).toEqual(expectedMapped.array.shape);
        expect(mapped.array.data).toEqual(expectedMapped.array.data);
        const copy = await series.copy({ SeriesDescription: 'out of the archive' });
        expect(await copy.instances()).toHaveLength(files.length);
        expect(await copy.get('SeriesDescription')).toBe('out of the archive');
      }
      // Checks that the TMPDIR above is one nothing can be written to.
      process.env.TMPDIR = join(work, 'no-such-tmpdir');
      const gzipped = (await tarred.database.series())[0]!;
      await expect(gzipped.array()).rejects.toThrow(/no-such-tmpdir/);
    } finally {
      restoreTmpdir(savedTmpdir);
      for (const opened of [plain, tarred, uncompressed, zipped]) await opened.close();
    }
  });
});

function restoreTmpdir(saved: string | undefined): void {
  if (saved === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = saved;
}

describe.skipIf(missing(ct, tool('tar')))('an index made before tar members lost their ./', () => {
  it('still finds the members it names ./<member>', async () => {
    const folder = join(work, 'archived-old-names');
    mkdirSync(folder, { recursive: true });
    const tarred = spawnSync('tar', ['czf', join(folder, 'ct.tar.gz'), '-C', ct.path, '.'], {
      encoding: 'utf8',
    });
    expect(tarred.status, tarred.stderr).toBe(0);
    const db = join(folder, '.radkit', 'index.sqlite');
    await (await openDatabase(folder, { db })).close();
    // What an older radkit wrote: the member as tar stores it.
    const sqlite = new SQLite(db);
    try {
      const renamed = sqlite
        .prepare("update instances set path = replace(path, 'ct.tar.gz!', 'ct.tar.gz!./')")
        .run().changes;
      expect(renamed).toBe(readdirSync(ct.path).length);
    } finally {
      sqlite.close();
    }
    const opened = await openDatabase(folder, { db });
    try {
      const series = (await opened.database.series())[0]!;
      expect((await series.files())[0]).toContain('ct.tar.gz!./');
      expect((await series.array()).array.shape[0]).toBe(readdirSync(ct.path).length);
    } finally {
      await opened.close();
    }
  });
});

describe.skipIf(missing(ct))('a damaged member inside an archive', () => {
  it('is named <archive>!<member> in the error, not by the file it was extracted to', async () => {
    const folder = join(work, 'archived-damaged');
    mkdirSync(folder, { recursive: true });
    const files = readdirSync(ct.path).sort();
    const damaged = files[1]!;
    writeFileSync(
      join(folder, 'ct.zip'),
      zipSync(
        Object.fromEntries(
          files.map((name) => {
            const bytes = new Uint8Array(readFileSync(join(ct.path, name)));
            return [name, name === damaged ? bytes.subarray(0, bytes.length - 100) : bytes];
          }),
        ),
      ),
    );
    const opened = await openDatabase(folder, { db: join(folder, '.radkit', 'index.sqlite') });
    try {
      const series = (await opened.database.series())[0]!;
      const failure = await series.array().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toContain(`${join(folder, 'ct.zip')}!${damaged}`);
      expect((failure as Error).message).not.toContain('radkit-members-');
    } finally {
      await opened.close();
    }
  });
});

describe('messaging', () => {
  it('prints progress as dbdicom does, and nothing when muted', () => {
    expect(progressText(1, 3, 'Looping')).toBe('Looping [33 %]');
    const lines: string[] = [];
    const messaging = textMessaging((text) => lines.push(text));
    messaging.status.progress(1, 3, 'Looping');
    messaging.status.mute();
    messaging.status.progress(2, 3, 'Looping');
    expect(lines).toEqual(['Looping [33 %]\n']);
  });

  it('asks until it gets y, n or (when allowed) c', async () => {
    const answers = ['maybe', 'c', 'n'];
    const messaging = textMessaging(
      () => {},
      async () => answers.shift()!,
    );
    expect(await messaging.dialog.question('Save?', 'Close', false)).toBe('No');
  });
});

const gapped = corpus('dicom2nifti/tests/data/failing/sliceincrement/002');

describe.skipIf(missing(gapped))('mapTo a series with a slice missing', () => {
  // The source is read as one volume; with the first gap's step, the slice after the wider gap
  // sat 0.78 mm from where the affine put it, and mapping the series onto itself changed that
  // slice by up to 1,024 (air for tissue). Read evenly spaced, every slice is where it was.
  it('maps the series onto itself unchanged', async () => {
    const folder = join(work, 'gapped');
    cpSync(gapped.path, join(folder, 'ct'), { recursive: true });
    const opened = await openDatabase(folder, { db: join(folder, '.radkit', 'index.sqlite') });
    try {
      const series = (await opened.database.series())[0]!;
      const before = await series.array(['InstanceNumber']);
      const after = await (await series.mapTo(series)).array(['InstanceNumber']);
      expect(after.array.shape).toEqual(before.array.shape);
      let worst = 0;
      for (let n = 0; n < before.array.data.length; n++)
        worst = Math.max(worst, Math.abs(after.array.data[n]! - before.array.data[n]!));
      expect(worst).toBe(0);
    } finally {
      await opened.close();
    }
  });
});

describe.skipIf(missing(gapped))('a series with a slice missing, exported or mapped', () => {
  // The export used to keep only the folder's path, so the missing slice that `radkit convert`
  // reports as an error went unsaid.
  it('tells the database’s messaging, or the onIssue given, what the conversion met', async () => {
    const folder = join(work, 'gapped-export');
    cpSync(gapped.path, join(folder, 'ct'), { recursive: true });
    const warnings: { message: string; title: string | undefined }[] = [];
    const messaging = {
      ...silentMessaging,
      dialog: {
        ...silentMessaging.dialog,
        warning: (message: string, title?: string) => warnings.push({ message, title }),
      },
    };
    const opened = await openDatabase(folder, { db: join(folder, '.radkit', 'index.sqlite'), messaging });
    try {
      const series = (await opened.database.series())[0]!;
      await series.exportAsNifti(join(work, 'gapped-nifti'));
      expect(warnings.map((warning) => warning.title)).toContain(series.label());
      expect(
        warnings.some((warning) => warning.message.startsWith('error [missing-slice] 1 slice(s) missing')),
      ).toBe(true);
      const issues: { code: string; series: string }[] = [];
      const before = warnings.length;
      await series.exportAsNifti(join(work, 'gapped-nifti'), {
        onIssue: (issue, label) => issues.push({ code: issue.code, series: label }),
      });
      expect(issues).toContainEqual({ code: 'missing-slice', series: series.label() });
      expect(warnings).toHaveLength(before);
      // mapTo reads the source evenly spaced: the filled gap is said too.
      await series.mapTo(series);
      const mapped = warnings.slice(before);
      expect(mapped.map((warning) => warning.message.split(' ').slice(0, 2).join(' '))).toEqual([
        'error [missing-slice]',
        'warning [gantry-tilt]',
        'info [spacing-resampled]',
      ]);
      expect(mapped[2]!.message).toContain('the 4 unevenly spaced slices were resampled to 5 every 0.750 mm');
    } finally {
      await opened.close();
    }
  });
});
