/**
 * Texts dcm2niix reads once for both the sidecar and the file names, so that radkit's agree with
 * each other and with dcm2niix's: the procedure step (ProcedureStepDescription, `%l`) and the
 * protocol name (ProtocolName, `%p`). The coil name is `%a`'s; the sidecar's CoilString comes
 * from the same sources through the vendor fields, under Siemens' own rule (dcm2niix issue 235).
 */
import { type Dataset, getString, getStrings } from '../dicom/index.js';
import { readGeMr, readSiemensMr } from '../volume/index.js';
import { deepTextOf, manufacturerOf, textOf } from './sidecar-header-facts.js';

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

/**
 * The protocol name dcm2niix reports (the sidecar's ProtocolName, and `%p` before its
 * fallbacks): Protocol Name (0018,1030), for Siemens without one the ASCCONV protocol's
 * tProtocolName, with `_MoCo` appended to a motion-corrected series (Image Type holding MOCO), so
 * that its outputs are told from those of the series it was made from, as dcm2niix v1.0.20220720
 * names and describes them (checked with a MOCO copy of a dcm_qa_mosaic series).
 */
export function protocolName(header: Dataset): string | undefined {
  let name = textOf(header, 'ProtocolName');
  if (name === undefined && manufacturerOf(header) === 'Siemens') {
    name = readSiemensMr(header).mr.protocol.protocolName?.trim() || undefined;
  }
  if (name === undefined) return undefined;
  return getStrings(header, 'ImageType').some((value) => value.toUpperCase().includes('MOCO'))
    ? `${name}_MoCo`
    : name;
}
