/**
 * The dcm_qa sets with dcm2niix `Ref/` outputs, with the input folder and the `-f` pattern each
 * upstream repository used (from its batch.sh, as the corpus MANIFEST lists them), so our outputs
 * carry the Ref names.
 */
export interface GoldenSet {
  /** Folder under the corpus root holding `In/` and `Ref/`. */
  readonly set: string;
  /** The folder to convert, relative to the set (dcm2niix's %f is its name). */
  readonly input: string;
  readonly pattern: string;
  /** dcm2niix `-i y`: derived and localizer images are left out. */
  readonly ignoreDerived?: boolean;
}

export const goldenSets: readonly GoldenSet[] = [
  { set: 'dcm_qa/dcm_qa_ts', input: 'In', pattern: '%s' },
  { set: 'dcm_qa/dcm_qa_12bit', input: 'In', pattern: '%s' },
  { set: 'dcm_qa/dcm_qa', input: 'In', pattern: '%p_%s' },
  { set: 'dcm_qa/dcm_qa_mosaic', input: 'In', pattern: '%s_%p' },
  { set: 'dcm_qa/dcm_qa_nih', input: 'In', pattern: '%p_%s' },
  { set: 'dcm_qa/dcm_qa_ge', input: 'In', pattern: '%d_%s' },
  { set: 'dcm_qa/dcm_qa_philips', input: 'In', pattern: '%p_%s', ignoreDerived: true },
  { set: 'dcm_qa/dcm_qa_table', input: 'In', pattern: '%m_%x_%s_%d', ignoreDerived: true },
  { set: 'dcm_qa/dcm_qa_uih', input: 'In', pattern: '%p_%s_%t' },
  { set: 'dcm_qa/dcm_qa_xa30i', input: 'In', pattern: '%s_%p' },
  { set: 'dcm_qa/dcm_qa_enh', input: 'In', pattern: '%v_%p_%s' },
  { set: 'dcm_qa/dcm_qa_canon_61', input: 'In/enh', pattern: '%s_%p_%f' },
];
