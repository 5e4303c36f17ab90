import { describe, expect, it } from 'vitest';
import { corpus, missing } from '../../test/support/requirements.js';
import { readDicomFile } from '../sources/index.js';
import { niftiDescription } from './nifti-fields.js';

const data = corpus('dcm_qa');

describe.skipIf(missing(data))('niftiDescription', () => {
  const header = (relative: string) =>
    readDicomFile(corpus(`dcm_qa/${relative}`).path, { headerOnly: true }).dataset;

  // The Refs of v1.0.20240812 (dcm_qa_table) and v1.0.20241127 (dcm_qa_nih) end their descrip so.
  it("ends with GE's phase-encoding polarity, as releases from 2024 on write it", () => {
    const flipped = header(
      'dcm_qa_table/In/GE/Exam1486_Laser794mm/06_Ax_fMRI_HF_I11.1_S15.9/i18246776.MRDC.5',
    );
    expect(niftiDescription(flipped)).toMatch(/^TE=35;Time=\d+\.\d{3};phase=0$/);
    const unflipped = header('dcm_qa_nih/In/20180918GE/mr_0004/axial_epi_fmri_interleaved_i_to_s-00001.dcm');
    expect(niftiDescription(unflipped)).toMatch(/^TE=30;Time=\d+\.\d{3};phase=1$/);
  });

  it('writes no polarity for a GE image without EPI User Define Data (a CT)', () => {
    const ct = readDicomFile(corpus('pydicom/pydicom/src/pydicom/data/test_files/CT_small.dcm').path).dataset;
    expect(niftiDescription(ct)).not.toContain('phase');
  });
});
