/**
 * The default compression level is chosen by the files it makes: as small as dcm2niix's, which
 * runs `pigz -6` (src/formats/gzip.ts, defaultCompressionLevel). Checked on the four sets the
 * convert bench times: radkit's .nii.gz files of each set, in total, are no larger than
 * `pigz -6` makes of the same .nii bytes. (Single files may be: up to 1.9% over the corpus.)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { convertDicom } from '../../src/convert/index.js';
import { defaultCompressionLevel } from '../../src/formats/index.js';
import { corpus, missing, tool } from '../support/requirements.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-compression-default-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const sets = ['dcm_qa_xa30i', 'dcm_qa_mosaic', 'dcm_qa_canon_61', 'dcm_qa_table'];
const inputs = sets.map((set) => ({ set, input: corpus(`dcm_qa/${set}/In`) }));

describe.skipIf(missing(tool('pigz'), ...inputs.map(({ input }) => input)))(
  `the default compression level (${defaultCompressionLevel})`,
  () => {
    it.each(inputs)('makes files no larger in total than pigz -6 ($set)', async ({ set, input }) => {
      const result = await convertDicom([input.path], join(scratch, set), {
        software: { name: 'radkit', version: 'test' },
      });
      expect(result.outputs.length).toBeGreaterThan(0);
      let radkit = 0;
      let pigz = 0;
      for (const output of result.outputs) {
        const file = readFileSync(output.path);
        radkit += file.length;
        const made = spawnSync('pigz', ['-6', '-c'], { input: gunzipSync(file), maxBuffer: 1 << 30 });
        expect(made.status).toBe(0);
        pigz += made.stdout.length;
      }
      expect(radkit).toBeLessThanOrEqual(pigz);
    });
  },
);
