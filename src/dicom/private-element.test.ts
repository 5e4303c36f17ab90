import { describe, expect, it } from 'vitest';
import { DataElement } from './data-element.js';
import { Dataset } from './dataset.js';
import { privateBlock, privateElement } from './private-element.js';

describe('private elements by creator', () => {
  const ds = new Dataset();
  ds.set(DataElement.fromValues(0x00190010, 'LO', ['SIEMENS MR SDS 01']));
  ds.set(DataElement.fromValues(0x00190011, 'LO', ['SIEMENS MR HEADER ']));
  ds.set(DataElement.fromValues(0x0019100c, 'IS', ['1']));
  ds.set(DataElement.fromValues(0x0019110c, 'IS', ['1000']));

  it('finds the block each creator reserved, whatever its number', () => {
    expect(privateBlock(ds, 0x0019, 'SIEMENS MR HEADER')).toBe(0x11);
    expect(privateBlock(ds, 0x0019, 'SIEMENS MR SDS 01')).toBe(0x10);
    expect(privateBlock(ds, 0x0029, 'SIEMENS MR HEADER')).toBeUndefined();
  });

  it('reads (gggg,xxee) through the creator, not a fixed tag', () => {
    expect(privateElement(ds, 'SIEMENS MR HEADER', 0x0019, 0x0c)?.values).toEqual(['1000']);
    expect(privateElement(ds, 'SIEMENS MR SDS 01', 0x0019, 0x0c)?.values).toEqual(['1']);
    expect(privateElement(ds, 'GEMS_ACQU_01', 0x0019, 0x0c)).toBeUndefined();
  });
});
