/**
 * Where Siemens slice times come from when a volume's own are not trusted, as dcm2niix releases
 * from late 2024 decide:
 * - a series of mosaics (issue 870): dcm_qa_nih's EPI PE=PA has a first volume whose last slice
 *   is 2.5 ms earlier than the second volume's, and the Ref (v1.0.20241127) reports the second's;
 *   EPI PE=AP's volumes differ slice by slice over the same span, and its Ref keeps the first's.
 *   The golden test compares the values; this checks that the choice is explained.
 * - XA classic files, one slice each (issue 875): a single volume gets no SliceTiming, as the
 *   dcm_qa_xa30i field maps' Ref (v1.0.20260416), which the golden test cannot check, since it
 *   compares only the keys a Ref of an older release than the newest has.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/run-cli.js';
import { corpus, missing } from '../support/requirements.js';

const pa = corpus('dcm_qa/dcm_qa_nih/In/20180918Si/mr_0004');
const ap = corpus('dcm_qa/dcm_qa_nih/In/20180918Si/mr_0003');
const xaFieldMap = corpus('dcm_qa/dcm_qa_xa30i/In/9001_gre_field_mapping');
const scratch = mkdtempSync(join(tmpdir(), 'radkit-mosaic-timing-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Output {
  readonly sidecar?: string;
  readonly explanation: readonly string[];
}

async function convert(input: string, name: string): Promise<Output> {
  const result = await runInProcess(['convert', input, join(scratch, name), '--json', '--explain']);
  expect(result.status, result.stderr).toBe(0);
  const outputs = (JSON.parse(result.stdout) as { outputs: Output[] }).outputs;
  expect(outputs).toHaveLength(1);
  return outputs[0]!;
}

describe.skipIf(missing(pa, ap, xaFieldMap))('where Siemens slice times come from', () => {
  it("reports the second volume's when the first volume's span differs, and says so", async () => {
    const output = await convert(pa.path, 'pa');
    const sidecar = JSON.parse(readFileSync(output.sidecar!, 'utf8')) as { SliceTiming: number[] };
    expect(sidecar.SliceTiming).toEqual([0, 1.4475, 0.4825, 1.9325, 0.965]);
    expect(output.explanation).toContain(
      "slice times from the second volume's MosaicRefAcqTimes: the first volume's span 1930 ms, the second's 1932.5 ms (dcm2niix issue 870)",
    );
  });

  it("keeps the first volume's when both span the same time", async () => {
    const output = await convert(ap.path, 'ap');
    expect(output.explanation.filter((line) => line.includes('MosaicRefAcqTimes'))).toEqual([]);
  });

  it('writes none for a single volume of XA classic files', async () => {
    const output = await convert(xaFieldMap.path, 'xa');
    const sidecar = JSON.parse(readFileSync(output.sidecar!, 'utf8')) as Record<string, unknown>;
    expect(sidecar.SoftwareVersions).toBe('syngo MR XA30');
    expect(sidecar.MRAcquisitionType).toBe('2D');
    expect(sidecar.SliceTiming).toBeUndefined();
  });
});
