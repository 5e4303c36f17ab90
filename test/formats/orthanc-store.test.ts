/**
 * Issue 6, acceptance 2: DICOM that radkit writes is accepted by a real PACS over C-STORE.
 * A volume written back as a series with a template (saveDicomSeries), a series made from an
 * array by the records API, and a file edited in place are sent with dcmtk's storescu to the
 * Orthanc of scripts/services.sh; Orthanc must store every instance (checked over its REST API).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readImage, saveDicomSeries } from '../../src/convert/index.js';
import { getString } from '../../src/dicom/index.js';
import { ndarray } from '../../src/ndarray/index.js';
import { openDatabase } from '../../src/records/index.js';
import { readDicomFile } from '../../src/sources/index.js';
import { corpus, missing, orthanc, orthancRest, tool } from '../support/requirements.js';

const mosaic = corpus('dcm_qa/dcm_qa_mosaic/In/ep2d_Asc_2');
const work = mkdtempSync(join(tmpdir(), 'radkit-orthanc-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function store(files: readonly string[]): void {
  const run = spawnSync('storescu', ['-aet', 'RADKIT', '-aec', 'ORTHANC', '127.0.0.1', '54242', ...files], {
    encoding: 'utf8',
    env: { ...process.env, TCP_NODELAY: '1' },
  });
  expect(run.status, run.stderr).toBe(0);
}

async function storedInSeries(seriesInstanceUID: string): Promise<number> {
  const response = await fetch(`${orthancRest}/tools/find`, {
    method: 'POST',
    body: JSON.stringify({ Level: 'Instance', Query: { SeriesInstanceUID: seriesInstanceUID } }),
  });
  expect(response.ok).toBe(true);
  return ((await response.json()) as string[]).length;
}

describe.skipIf(missing(mosaic, orthanc(), tool('storescu', ['--version'])))(
  'Orthanc accepts what radkit writes',
  () => {
    it('stores a series written back with a template, a series made from an array, and an edited file', async () => {
      // 1. A volume back to DICOM with the source as template.
      const image = await readImage(mosaic.path);
      const folder = join(work, 'series');
      const written = await saveDicomSeries(folder, image.volume, {
        template: mosaic.path,
        seriesDescription: 'radkit to Orthanc',
        fixHandedness: true,
      });
      store(written.paths);

      // 2. A series made from an array, and 3. a file edited in place, through the records API.
      const copy = join(work, 'folder');
      cpSync(mosaic.path, copy, { recursive: true });
      const opened = await openDatabase(copy, { db: join(work, 'index.sqlite') });
      try {
        const made = await opened.database.seriesFromArray(
          ndarray(new Float32Array(16 * 16 * 3).fill(7.5), [16, 16, 3]),
        );
        const series = (await opened.database.series({ SeriesNumber: 2 }))[0]!;
        await series.set('SeriesDescription', 'edited by radkit');
        store([...(await made.files()), ...(await series.files())]);
        const counts = await Promise.all(
          [written.paths, await made.files(), await series.files()].map(async (files, n) => {
            const uid = [
              readSeriesUid(written.paths[0]!),
              String(made.row.SeriesInstanceUID),
              String(series.row.SeriesInstanceUID),
            ][n]!;
            return [await storedInSeries(uid), files.length];
          }),
        );
        for (const [stored, files] of counts) expect(stored).toBe(files);
        console.log(`Orthanc stored ${counts.map(([stored]) => stored).join(' + ')} instances`);
      } finally {
        await opened.close();
      }
      expect(readdirSync(folder).length).toBe(written.paths.length);
    });
  },
);

function readSeriesUid(file: string): string {
  return getString(readDicomFile(file, { headerOnly: true }).dataset, 'SeriesInstanceUID') ?? '';
}
