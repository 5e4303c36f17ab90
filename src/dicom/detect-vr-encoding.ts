/**
 * Telling implicit from explicit VR by looking at the bytes (PS3.5 §7.1.2, §7.1.3): real files
 * disagree with their transfer syntax, and items inside explicit data may be implicit. The tests
 * are pydicom 2.3's (`_is_implicit_vr` and the per-element check in `data_element_generator`),
 * so both readers take the same bytes the same way.
 */

import { ensureAvailable, type ReadState, report, stopsAt } from './read-state.js';
import { formatTag } from './tag.js';

/**
 * pydicom's test of an explicit VR (`b'AA' <= vr <= b'ZZ'`, compared as byte strings): anything
 * else is taken for the start of an implicit-VR length.
 */
export function looksLikeExplicitVR(first: number, second: number): boolean {
  if (first < 0x41 || first > 0x5a) return false;
  if (first === 0x41) return second >= 0x41;
  if (first === 0x5a) return second <= 0x5a;
  return true;
}

/**
 * Decide whether a dataset starting at `offset` is implicit VR (pydicom's `_is_implicit_vr`):
 * the first element's VR bytes are checked. Items inside implicit data stay implicit; items
 * inside explicit data may be implicit (PS3.5 §7.5.1 permits it for undefined-length SQ).
 */
export function detectImplicitVR(
  state: ReadState,
  offset: number,
  assumedImplicit: boolean,
  extent: { readonly topLevel: boolean },
): boolean {
  if (!extent.topLevel && assumedImplicit) return true;
  if (!ensureAvailable(state, offset + 6)) return assumedImplicit;
  const foundImplicit = !(
    state.bytes[offset + 4]! > 0x40 &&
    state.bytes[offset + 4]! < 0x5b &&
    state.bytes[offset + 5]! > 0x40 &&
    state.bytes[offset + 5]! < 0x5b
  );
  if (foundImplicit === assumedImplicit) return foundImplicit;
  const le = state.source.littleEndian;
  const tag = (state.view.getUint16(offset, le) * 0x10000 + state.view.getUint16(offset + 2, le)) >>> 0;
  if (extent.topLevel && state.stopAt !== undefined && stopsAt(state.stopAt, tag)) return foundImplicit;
  if (foundImplicit && !extent.topLevel) return true;
  report(
    state,
    'vr-encoding-mismatch',
    'warning',
    `expected ${assumedImplicit ? 'implicit' : 'explicit'} VR but the first element ${formatTag(tag)} is encoded with ${foundImplicit ? 'implicit' : 'explicit'} VR; reading it as ${foundImplicit ? 'implicit' : 'explicit'}`,
    offset,
    tag,
  );
  return foundImplicit;
}
