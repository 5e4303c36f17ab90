/**
 * `radkit index` and `radkit ls` on the whole corpus, on SQLite and on a real PostgreSQL server:
 * every level lists exactly the patients, studies, series and instances (by UID and count) that
 * pydicom finds in the same files, and the files that are not instances are listed with their
 * errors. Then the index's upkeep: new, changed and removed files, a scan killed halfway, filters
 * on any attribute, and an index that belongs to another folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/records/index.js';
import { runInProcess, runInstalled } from '../cli/run-cli.js';
import { corpus, missing, postgres, pydicom, referencePython, tool } from '../support/requirements.js';
import { serverDatabase } from '../support/server-database.js';

const here = dirname(fileURLToPath(import.meta.url));
const bin = resolve(here, '..', '..', 'bin', 'radkit.js');
const data = corpus();
const work = mkdtempSync(join(tmpdir(), 'radkit-index-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Reference {
  readonly path: string;
  readonly PatientID?: string;
  readonly StudyInstanceUID?: string;
  readonly SeriesInstanceUID?: string;
  readonly SOPInstanceUID?: string;
  readonly error?: string;
}

/** What pydicom finds under `root`, one record per file (test/db/pydicom-hierarchy.py). */
function pydicomView(root: string): Reference[] {
  const run = spawnSync(referencePython, [join(here, 'pydicom-hierarchy.py'), root], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Reference);
}

/** Count per key, as "key → n" strings sorted, so a mismatch shows which record differs. */
function counts(keys: readonly string[]): string[] {
  const map = new Map<string, number>();
  for (const key of keys) map.set(key, (map.get(key) ?? 0) + 1);
  return [...map].map(([key, n]) => `${key} → ${n}`).sort();
}

async function ls(
  root: string,
  db: string,
  ...args: string[]
): Promise<Record<string, string | number | null>[]> {
  const result = await runInProcess(['ls', root, '--db', db, '--json', ...args]);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Record<string, string | number | null>[];
}

const backends = [
  { name: 'SQLite', needs: [] as ReturnType<typeof postgres>[], db: () => join(work, 'corpus.sqlite') },
  { name: 'PostgreSQL', needs: [postgres()], db: () => serverDatabase('radkit_test') },
];

for (const backend of backends) {
  describe.skipIf(missing(data, pydicom(), ...backend.needs))(
    `radkit index on the corpus (${backend.name})`,
    () => {
      let db = '';
      let reference: Reference[] = [];
      beforeAll(async () => {
        db = backend.db();
        reference = pydicomView(data.path);
        const indexed = await runInProcess(['index', data.path, '--db', db, '--json']);
        expect(indexed.status, indexed.stderr).toBe(0);
      }, 300_000);

      it('holds exactly the instances pydicom finds, each in its patient, study and series', async () => {
        const instances = await ls(data.path, db, '--level', 'instances');
        const found = instances.map(
          (row) =>
            `${relative(data.path, String(row.path))} ${row.PatientID}|${row.StudyInstanceUID}|${row.SeriesInstanceUID}|${row.SOPInstanceUID}`,
        );
        const expected = reference
          .filter((item) => item.error === undefined)
          .map(
            (item) =>
              `${item.path} ${item.PatientID}|${item.StudyInstanceUID}|${item.SeriesInstanceUID}|${item.SOPInstanceUID}`,
          );
        console.log(`${backend.name}: ${found.length} instances indexed, pydicom finds ${expected.length}`);
        expect(found.sort()).toEqual(expected.sort());
      });

      it('lists every patient, study and series with the counts below it that pydicom gives', async () => {
        const instances = reference.filter((item) => item.error === undefined);
        const seriesKey = (item: Reference) =>
          `${item.PatientID}|${item.StudyInstanceUID}|${item.SeriesInstanceUID}`;
        const series = await ls(data.path, db, '--level', 'series');
        expect(
          series
            .map(
              (row) => `${row.PatientID}|${row.StudyInstanceUID}|${row.SeriesInstanceUID} → ${row.instances}`,
            )
            .sort(),
        ).toEqual(counts(instances.map(seriesKey)));

        const studies = await ls(data.path, db, '--level', 'studies');
        expect(
          studies.map((row) => `${row.PatientID}|${row.StudyInstanceUID} → ${row.instances}`).sort(),
        ).toEqual(counts(instances.map((item) => `${item.PatientID}|${item.StudyInstanceUID}`)));
        const seriesPerStudy = counts(
          [...new Set(instances.map(seriesKey))].map((key) => key.replace(/\|[^|]*$/, '')),
        );
        expect(
          studies.map((row) => `${row.PatientID}|${row.StudyInstanceUID} → ${row.series}`).sort(),
        ).toEqual(seriesPerStudy);

        const patients = await ls(data.path, db, '--level', 'patients');
        expect(patients.map((row) => `${row.PatientID} → ${row.instances}`).sort()).toEqual(
          counts(instances.map((item) => item.PatientID ?? '')),
        );
        const studiesPerPatient = counts(
          [...new Set(instances.map((item) => `${item.PatientID}|${item.StudyInstanceUID}`))].map((key) =>
            key.replace(/\|[^|]*$/, ''),
          ),
        );
        expect(patients.map((row) => `${row.PatientID} → ${row.studies}`).sort()).toEqual(studiesPerPatient);
        console.log(
          `${backend.name}: ${patients.length} patients, ${studies.length} studies, ${series.length} series, ${instances.length} instances`,
        );
      });

      it('lists the files that are not instances, each with its error', async () => {
        const unreadable = await ls(data.path, db, '--unreadable');
        const expected = reference.filter((item) => item.error !== undefined).map((item) => item.path);
        expect(unreadable.map((row) => relative(data.path, String(row.path))).sort()).toEqual(
          expected.sort(),
        );
        for (const row of unreadable) expect(String(row.message)).not.toBe('');
        expect(new Set(unreadable.map((row) => row.code))).toEqual(new Set(['not-dicom', 'not-an-instance']));
      });

      it('filters on columns, on any attribute of the stored header, and with wildcards', async () => {
        const ct = await ls(data.path, db, '--level', 'series', '--where', 'Modality=CT');
        expect(ct.length).toBeGreaterThan(0);
        expect(ct.every((row) => row.Modality === 'CT')).toBe(true);
        // EchoTime is not a column: it is read from the stored header (DICOM JSON model).
        const echo = await ls(data.path, db, '--level', 'instances', '--where', 'EchoTime=12.46');
        expect(echo.length).toBeGreaterThan(0);
        const fieldMaps = await ls(
          data.path,
          db,
          '--level',
          'series',
          '--where',
          'SeriesDescription=gre_field*',
        );
        expect(
          fieldMaps.map((row) => row.SeriesDescription).every((text) => String(text).startsWith('gre_field')),
        ).toBe(true);
        const named = await ls(data.path, db, '--level', 'patients', '--where', '(0010,0020)=77654033');
        expect(named.map((row) => row.PatientID)).toEqual(['77654033']);
      });
    },
  );
}

const small = corpus('dcm_qa/dcm_qa_xa30i/In');

describe.skipIf(missing(small))('keeping the index up to date', () => {
  const folder = join(work, 'folder');
  const db = join(work, 'small.sqlite');

  it('reads only new and changed files, and forgets removed ones', async () => {
    cpSync(small.path, folder, { recursive: true });
    const first = JSON.parse((await runInProcess(['index', folder, '--db', db, '--json'])).stdout) as Record<
      string,
      number
    >;
    expect(first.read).toBe(first.files);
    const again = JSON.parse((await runInProcess(['index', folder, '--db', db, '--json'])).stdout) as Record<
      string,
      number
    >;
    expect([again.read, again.unchanged, again.removed]).toEqual([0, first.files, 0]);

    const instances = await ls(folder, db, '--level', 'instances');
    const [gone, changed] = [String(instances[0]!.path), String(instances[1]!.path)];
    rmSync(gone);
    // Same bytes, a new modification time: read again, same record.
    const later = new Date(Date.now() + 5_000);
    utimesSync(changed, later, later);
    writeFileSync(join(folder, 'notes.txt'), 'not DICOM');
    const third = JSON.parse((await runInProcess(['index', folder, '--db', db, '--json'])).stdout) as Record<
      string,
      number
    >;
    expect([third.read, third.removed, third.unreadable]).toEqual([2, 1, 1]);
    expect(third.instances).toBe(first.instances! - 1);
    const now = await ls(folder, db, '--level', 'instances');
    expect(now.map((row) => row.path)).not.toContain(gone);
    expect(now.map((row) => row.path)).toContain(changed);
  });

  it('hashes file contents when asked, also of files indexed before without', async () => {
    const plain = await ls(folder, db, '--level', 'instances');
    expect(plain.every((row) => row.hash === null)).toBe(true);
    const hashed = JSON.parse(
      (await runInProcess(['index', folder, '--db', db, '--hash', '--json'])).stdout,
    ) as Record<string, number>;
    expect(hashed.read).toBe(plain.length);
    const rows = await ls(folder, db, '--level', 'instances');
    for (const row of rows.slice(0, 3))
      expect(row.hash).toBe(
        createHash('sha256')
          .update(readFileSync(String(row.path)))
          .digest('hex'),
      );
    const again = JSON.parse(
      (await runInProcess(['index', folder, '--db', db, '--hash', '--json'])).stdout,
    ) as Record<string, number>;
    expect(again.read).toBe(0);
  });

  it('refuses an index that holds another folder', async () => {
    const other = await runInProcess(['index', small.path, '--db', db]);
    expect(other.status).toBe(6);
    expect(other.stderr).toMatch(/holds the folder .*folder, not /);
  });

  it('says which keyword it does not know', async () => {
    const result = await runInProcess(['ls', folder, '--db', db, '--where', 'NoSuchKeyword=1']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/'NoSuchKeyword' is neither a DICOM keyword nor a tag/);
  });
});

const ct2 = corpus('pydicom/pydicom/src/pydicom/data/test_files/dicomdirtests/77654033/CT2');

describe.skipIf(missing(small, ct2, tool('tar')))('archives inside the folder', () => {
  it('indexes zip and tar.gz members as <archive>!<member>, and re-reads an archive only when it changes', async () => {
    const folder = join(work, 'archives');
    const db = join(work, 'archives.sqlite');
    mkdirSync(folder, { recursive: true });
    const ctFiles = readdirSync(ct2.path).sort();
    writeFileSync(
      join(folder, 'ct.zip'),
      zipSync(Object.fromEntries(ctFiles.map((name) => [`CT2/${name}`, readFileSync(join(ct2.path, name))]))),
    );
    const tarred = spawnSync('tar', ['czf', join(folder, 'mr.tar.gz'), '-C', small.path, '.'], {
      encoding: 'utf8',
    });
    expect(tarred.status, tarred.stderr).toBe(0);
    const first = JSON.parse((await runInProcess(['index', folder, '--db', db, '--json'])).stdout) as Record<
      string,
      number
    >;
    expect([first.files, first.read]).toEqual([2, 2]);
    const instances = await ls(folder, db, '--level', 'instances');
    const inZip = instances.filter((row) => String(row.path).includes('ct.zip!CT2/'));
    expect(inZip).toHaveLength(ctFiles.length);
    const inTar = instances.filter((row) => String(row.path).includes('mr.tar.gz!'));
    expect(inTar.length).toBe(
      readdirSync(small.path, { recursive: true }).filter((name) => String(name).endsWith('.dcm')).length,
    );
    const again = JSON.parse((await runInProcess(['index', folder, '--db', db, '--json'])).stdout) as Record<
      string,
      number
    >;
    expect([again.read, again.unchanged]).toEqual([0, 2]);
    // A smaller zip: its lost members are forgotten.
    writeFileSync(
      join(folder, 'ct.zip'),
      zipSync({ [`CT2/${ctFiles[0]}`]: readFileSync(join(ct2.path, ctFiles[0]!)) }),
    );
    const third = JSON.parse((await runInProcess(['index', folder, '--db', db, '--json'])).stdout) as Record<
      string,
      number
    >;
    expect([third.read, third.removed]).toEqual([1, ctFiles.length]);
    expect(
      (await ls(folder, db, '--level', 'instances')).filter((row) => String(row.path).includes('ct.zip!')),
    ).toHaveLength(1);

    // Records in an archive are read-only, but can be copied out of it.
    const opened = await openDatabase(folder, { db });
    try {
      const inZip = (await opened.database.series({ Modality: 'CT' }))[0]!;
      await expect(inZip.set('SeriesDescription', 'x')).rejects.toThrow(
        /inside an archive, which radkit does not rewrite/,
      );
      const copy = await inZip.copy({ SeriesDescription: 'out of the zip' });
      const files = await copy.files();
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\/radkit\/2\.25\.\d+\.dcm$/);
      await opened.database.restore();
      expect(existsSync(files[0]!)).toBe(false);
    } finally {
      await opened.close();
    }
  });
});

describe.skipIf(missing(ct2, tool('tar')))('archives read in place, member by member', () => {
  it('a plain tar is indexed in place, and a zip member with a wrong CRC-32 is unreadable on its own', async () => {
    const folder = join(work, 'in-place');
    const db = join(work, 'in-place.sqlite');
    mkdirSync(folder, { recursive: true });
    const ctFiles = readdirSync(ct2.path).sort();
    const tarred = spawnSync('tar', ['cf', join(folder, 'ct.tar'), '-C', ct2.path, '.'], {
      encoding: 'utf8',
    });
    expect(tarred.status, tarred.stderr).toBe(0);
    // Stored members (level 0), so one member's bytes can be changed in place.
    const zip = zipSync(
      Object.fromEntries(
        ctFiles.map((name) => [
          `CT2/${name}`,
          [new Uint8Array(readFileSync(join(ct2.path, name))), { level: 0 }],
        ]),
      ),
    );
    const damaged = readFileSync(join(ct2.path, ctFiles[0]!));
    const at = Buffer.from(zip).indexOf(damaged.subarray(200, 264));
    expect(at).toBeGreaterThan(0);
    zip[at] = zip[at]! ^ 0xff;
    writeFileSync(join(folder, 'ct.zip'), zip);
    const result = await runInProcess(['index', folder, '--db', db, '--json']);
    expect(result.status, result.stderr).toBe(0);
    const instances = await ls(folder, db, '--level', 'instances');
    // `tar -C dir .` stores `./17106`: the index names the member by its path, `ct.tar!17106`.
    expect(
      instances
        .map((row) => String(row.path))
        .filter((path) => path.includes('ct.tar!'))
        .sort(),
    ).toEqual(ctFiles.map((name) => join(folder, `ct.tar!${name}`)).sort());
    expect(instances.filter((row) => String(row.path).includes('ct.zip!'))).toHaveLength(ctFiles.length - 1);
    const unreadable = await ls(folder, db, '--unreadable');
    expect(unreadable).toHaveLength(1);
    expect(String(unreadable[0]!.path).endsWith(`ct.zip!CT2/${ctFiles[0]}`)).toBe(true);
    expect(JSON.stringify(unreadable[0])).toMatch(/does not match its recorded size and CRC-32/);
  });
});

describe.skipIf(missing(small, tool('tar')))('an archive that cannot be read to its end', () => {
  it('a .tar.gz cut short keeps the members before the cut, is itself unreadable saying why, and is not read again while unchanged', async () => {
    const folder = join(work, 'cut-short');
    const db = join(work, 'cut-short.sqlite');
    mkdirSync(folder, { recursive: true });
    const whole = join(work, 'ct-whole.tar.gz');
    // Large enough (17 MB) that whole members stream out before the cut.
    const tarred = spawnSync('tar', ['czf', whole, '-C', small.path, '.'], { encoding: 'utf8' });
    expect(tarred.status, tarred.stderr).toBe(0);
    const bytes = readFileSync(whole);
    writeFileSync(join(folder, 'ct.tar.gz'), bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    const first = JSON.parse((await runInProcess(['index', folder, '--db', db, '--json'])).stdout) as Record<
      string,
      number
    >;
    expect([first.read, first.unreadable]).toEqual([1, 1]);
    const members = (await ls(folder, db, '--level', 'instances')).map((row) => String(row.path));
    expect(members.length).toBeGreaterThan(0);
    expect(members.length).toBeLessThan(
      readdirSync(small.path, { recursive: true }).filter((name) => String(name).endsWith('.dcm')).length,
    );
    expect(members.every((path) => path.startsWith(join(folder, 'ct.tar.gz!')))).toBe(true);
    const unreadable = await ls(folder, db, '--unreadable');
    expect(unreadable.map((row) => row.path)).toEqual([join(folder, 'ct.tar.gz')]);
    expect(JSON.stringify(unreadable[0])).toMatch(/ct\.tar\.gz: cannot read it as tar/);
    const again = JSON.parse((await runInProcess(['index', folder, '--db', db, '--json'])).stdout) as Record<
      string,
      number
    >;
    expect([again.read, again.unchanged, again.removed, again.instances]).toEqual([0, 1, 0, members.length]);
    expect(await ls(folder, db, '--unreadable')).toHaveLength(1);
  });
});

describe.skipIf(missing(data))('the installed command', () => {
  it('reads headers on worker threads and gives the same index as one thread', {
    timeout: 300_000,
  }, async () => {
    const threaded = join(work, 'threaded.sqlite');
    const single = join(work, 'single.sqlite');
    const run = runInstalled(['index', data.path, '--db', threaded, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const threads = (JSON.parse(run.stdout) as { threads: number }).threads;
    expect(threads).toBe(Math.min(availableParallelism(), 8) >= 2 ? Math.min(availableParallelism(), 8) : 1);
    expect((await runInProcess(['index', data.path, '--db', single])).status).toBe(0);
    for (const level of ['patients', 'studies', 'series', 'instances']) {
      const strip = (rows: Record<string, unknown>[]) =>
        rows.map((row) => JSON.stringify(Object.entries(row).filter(([key]) => key !== 'path'))).sort();
      expect(strip(await ls(data.path, threaded, '--level', level))).toEqual(
        strip(await ls(data.path, single, '--level', level)),
      );
    }
  });
});

const dcmQa = corpus('dcm_qa');

describe.skipIf(missing(dcmQa, tool('tar')))('the installed command on an archive', () => {
  it('parses the members of a large tar on worker threads and gives the same index as one thread', {
    timeout: 300_000,
  }, async () => {
    // dcm_qa's 596 files: enough members for the pool, and broken files among them.
    const folder = join(work, 'archive-threads');
    mkdirSync(folder, { recursive: true });
    const tarred = spawnSync('tar', ['cf', join(folder, 'dcm_qa.tar'), '-C', dcmQa.path, '.'], {
      encoding: 'utf8',
    });
    expect(tarred.status, tarred.stderr).toBe(0);
    const threaded = join(work, 'archive-threaded.sqlite');
    const single = join(work, 'archive-single.sqlite');
    const run = runInstalled(['index', folder, '--db', threaded, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { threads: number; instances: number };
    expect(report.threads).toBe(
      Math.min(availableParallelism(), 8) >= 2 ? Math.min(availableParallelism(), 8) : 1,
    );
    expect(report.instances).toBeGreaterThan(400);
    const inProcess = await runInProcess(['index', folder, '--db', single, '--json']);
    expect(inProcess.status).toBe(0);
    expect((JSON.parse(inProcess.stdout) as { threads: number }).threads).toBe(1);
    for (const level of ['patients', 'studies', 'series', 'instances']) {
      const rows = async (db: string) =>
        (await ls(folder, db, '--level', level)).map((row) => JSON.stringify(row)).sort();
      expect(await rows(threaded)).toEqual(await rows(single));
    }
    const unreadable = async (db: string) =>
      (await ls(folder, db, '--unreadable')).map((row) => JSON.stringify(row)).sort();
    expect(await unreadable(threaded)).toEqual(await unreadable(single));
  });
});

describe.skipIf(missing(data))('a scan killed halfway', () => {
  it('ends complete when run again', { timeout: 300_000 }, async () => {
    const db = join(work, 'killed.sqlite');
    const child = spawn(process.execPath, [bin, 'index', data.path, '--db', db], { stdio: 'ignore' });
    const closed = new Promise((r) => child.once('close', r));
    // Kill it once its first batch is committed (a reader sees instances; WAL lets it look).
    const committed = () => {
      if (!existsSync(db)) return false;
      try {
        const reader = new SQLite(db, { readonly: true, fileMustExist: true });
        try {
          return (reader.prepare('select count(*) as n from instances').get() as { n: number }).n > 0;
        } finally {
          reader.close();
        }
      } catch {
        return false; // the schema is not there yet
      }
    };
    for (let waited = 0; waited < 30_000 && child.exitCode === null; waited += 10) {
      if (committed()) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const killed = child.kill('SIGKILL') && child.exitCode === null;
    await closed;
    const rerun = await runInProcess(['index', data.path, '--db', db, '--json']);
    expect(rerun.status, rerun.stderr).toBe(0);
    const report = JSON.parse(rerun.stdout) as Record<string, number>;
    console.log(`killed scan (killed: ${killed}): the re-run read ${report.read} of ${report.files} files`);
    expect(killed).toBe(true);
    expect(report.read).toBeGreaterThan(0);
    expect(report.read).toBeLessThan(report.files!);
    const full = await runInProcess(['index', data.path, '--db', join(work, 'corpus-full.sqlite'), '--json']);
    const complete = JSON.parse(full.stdout) as Record<string, number>;
    expect([report.patients, report.studies, report.series, report.instances]).toEqual([
      complete.patients,
      complete.studies,
      complete.series,
      complete.instances,
    ]);
  });
});
