/**
 * A conversion whose writes overlap (src/convert/writes-in-flight.ts) still reports each output
 * for itself: when one output cannot be written, the others are, the failed one is a
 * 'conversion-failed' Issue naming its series, and no temporary file is left behind. Caused for
 * real: a folder stands where one output file should go, so its rename fails.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { convertDicom } from '../../src/convert/index.js';
import { corpus, missing } from '../support/requirements.js';

const scratch = mkdtempSync(join(tmpdir(), 'radkit-write-failures-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const mosaic = corpus('dcm_qa/dcm_qa_mosaic/In');

describe.skipIf(missing(mosaic))('a write that fails among writes in flight (dcm_qa_mosaic)', () => {
  it('writes the other outputs and reports the failed one', async () => {
    const options = { software: { name: 'radkit', version: 'test' } };
    const first = await convertDicom([mosaic.path], join(scratch, 'reference'), options);
    expect(first.outputs).toHaveLength(3);
    const [blocked, ...others] = first.outputs;

    const out = join(scratch, 'blocked');
    // A folder (with a file in it, so it cannot be replaced) where the first output goes.
    const name = basename(blocked!.path);
    mkdirSync(join(out, name, 'occupied'), { recursive: true });
    const result = await convertDicom([mosaic.path], out, options);

    expect(result.outputs.map((output) => output.seriesInstanceUID).sort()).toEqual(
      others.map((output) => output.seriesInstanceUID).sort(),
    );
    const failed = result.issues.filter((issue) => issue.code === 'conversion-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.where?.seriesInstanceUID).toBe(blocked!.seriesInstanceUID);
    expect(failed[0]!.message).toContain(name);
    expect(readdirSync(out).filter((file) => file.endsWith('.tmp'))).toEqual([]);
    for (const output of others) expect(readdirSync(out)).toContain(basename(output.path));
  });
});
