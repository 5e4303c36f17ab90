/**
 * Two texts dcm2niix reads the same way for the sidecar and for file names (`-f %a`, `%l`), so
 * that radkit's names and sidecars agree with each other and with dcm2niix's.
 */
import { type Dataset, getString } from '../dicom/index.js';
import { readGeMr, readSiemensMr } from '../volume/index.js';
import { deepTextOf, manufacturerOf } from './sidecar-header-facts.js';

/** Decompresses GE's Protocol Data Block (`gunzip` of sources). */
type Gunzip = (bytes: Uint8Array) => Uint8Array;

/**
 * The receive coil's name (dcm2niix's `coilName`): Siemens' CSA coil string (0051,xx0F or the CSA
 * image header, "HEA;HEP"), GE's Receive Coil Name or its Protocol Data Block's COIL, else
 * Receive Coil Name (0018,1250), in enhanced files inside the MR Receive Coil macro.
 */
export function coilName(header: Dataset, gunzip: Gunzip): string | undefined {
  const manufacturer = manufacturerOf(header);
  if (manufacturer === 'Siemens') {
    const csa = readSiemensMr(header).mr.image.coilString;
    if (csa !== undefined) return csa;
  }
  if (manufacturer === 'GE') return readGeMr(header, gunzip).ge.coilString;
  return deepTextOf(header, 'ReceiveCoilName');
}

/**
 * Performed Procedure Step Description (0040,0254); for a GE MR file without one, its Protocol
 * Data Block's PSEQ ("Gradient Echo" in dcm_qa_table's and dcm_qa_nih's GE fMRI), as dcm2niix
 * releases from 2024 on write it (issue 790). Those releases append PSEQ to a description the
 * file has, without a separator ("Research^XGradient Echo"); radkit keeps the file's own then.
 */
export function procedureStepDescription(header: Dataset, gunzip: Gunzip): string | undefined {
  const own = getString(header, 'PerformedProcedureStepDescription')?.trim();
  if (own !== undefined && own !== '') return own;
  if (manufacturerOf(header) !== 'GE' || getString(header, 'Modality')?.trim() !== 'MR') return undefined;
  const sequence = readGeMr(header, gunzip).ge.protocol?.get('PSEQ')?.trim();
  return sequence === '' ? undefined : sequence;
}
