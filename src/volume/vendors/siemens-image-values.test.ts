import { describe, expect, it } from 'vitest';
import { echoOfIceDims, isSiemensXa } from './siemens-image-values.js';

describe('Siemens header facts', () => {
  it("reads the echo from the ICE dimensions' first counter", () => {
    expect(echoOfIceDims('X_1_1_1_4_1_1_4_1_1_1_1_104')).toBe(1);
    expect(echoOfIceDims('X_2_1_1_1_1_1_1_1_1_1_1_106')).toBe(2);
    expect(echoOfIceDims('X_0_1')).toBeUndefined();
    expect(echoOfIceDims('garbled')).toBeUndefined();
    expect(echoOfIceDims(undefined)).toBeUndefined();
  });

  it('tells XA10–XA31 software as dcm2niix does, not VE11 or XA60', () => {
    expect(isSiemensXa('syngo MR XA30')).toBe(true);
    expect(isSiemensXa('syngo MR XA11A')).toBe(true);
    expect(isSiemensXa('syngo MR E11')).toBe(false);
    expect(isSiemensXa('syngo MR XA60')).toBe(false);
    expect(isSiemensXa(undefined)).toBe(false);
  });
});
