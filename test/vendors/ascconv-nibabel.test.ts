/**
 * The ASCCONV parser against nibabel 5's `nicom.ascconv` on nibabel's sample and on the protocol
 * of every Siemens file in the corpus (CSA MrPhoenixProtocol/MrProtocol, XA (0021,xx19)). nibabel
 * nests keys and cannot represent `x.__attribute__.size` beside `x[0]`, so those lines are left out
 * of the comparison on both sides; every other key and value must be equal.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Ascconv, ascconvFind, parseAscconv, siemensSources } from '../../src/volume/vendors/index.js';
import { corpus, missing, nibabel } from '../support/requirements.js';
import { runPythonJson, vendorFiles } from './vendor-corpus.js';

type NibabelProtocol = null | { error: string } | { entries: Record<string, number | string> };

const sample = corpus('nibabel/nibabel/nicom/tests/data/ascconv_sample.txt');

function comparable(protocol: Ascconv): Record<string, number | string> {
  return Object.fromEntries([...protocol.entries].filter(([key]) => !key.includes('__attribute__')));
}

describe.skipIf(missing(sample, nibabel()))('ASCCONV against nibabel', () => {
  it('parses nibabel’s ASCCONV sample as nibabel does', () => {
    const reference = runPythonJson('nibabel_ascconv.py', [sample.path]) as Record<string, NibabelProtocol>;
    const expected = reference[sample.path] as { entries: Record<string, number | string> };
    const { protocol, issues } = parseAscconv(readFileSync(sample.path, 'latin1'));
    expect(issues).toEqual([]);
    expect(comparable(protocol!)).toEqual(expected.entries);
    expect(Object.keys(expected.entries).length).toBeGreaterThan(900);
  });

  it('parses the protocol of every Siemens file in the corpus as nibabel does', () => {
    const files = vendorFiles('SIEMENS');
    const withProtocol = files
      .map(({ path, dataset }) => ({ path, sources: siemensSources(dataset) }))
      .filter(({ sources }) => sources.protocol !== undefined);
    expect(withProtocol.length).toBeGreaterThan(150);
    const reference = runPythonJson(
      'nibabel_ascconv.py',
      withProtocol.map(({ path }) => path),
    ) as Record<string, NibabelProtocol>;
    for (const { path, sources } of withProtocol) {
      const expected = reference[path];
      expect(expected, path).not.toBeNull();
      expect(expected, path).not.toHaveProperty('error');
      expect(sources.issues, path).toEqual([]);
      expect(comparable(sources.protocol!), path).toEqual((expected as { entries: object }).entries);
    }
    // Files without a protocol are those without CSA series header and without XA protocol.
    for (const { path, dataset } of files) {
      if (withProtocol.some((file) => file.path === path)) continue;
      expect(siemensSources(dataset).csaSeries?.has('MrPhoenixProtocol') ?? false, path).toBe(false);
    }
  });
});

describe.skipIf(missing(corpus('dcm_qa/dcm_qa_agfa')))('ASCCONV in renumbered private blocks', () => {
  it('finds the XA protocol through its creator when a PACS moved the block', () => {
    const root = corpus('dcm_qa/dcm_qa_agfa').path;
    const files = vendorFiles('SIEMENS', root);
    expect(files.length).toBe(8);
    for (const { path, dataset } of files) {
      const protocol = siemensSources(dataset).protocol;
      expect(protocol?.entries.get('sKSpace.lBaseResolution'), join(path)).toBeTypeOf('number');
    }
  });
});

describe.skipIf(missing(sample))('ascconvFind', () => {
  /** The first entry, in file order, whose key contains `fragment`: the definition it keeps to. */
  function scan(protocol: Ascconv, fragment: string) {
    for (const [key, value] of protocol.entries) if (key.includes(fragment)) return { key, value };
    return undefined;
  }

  it('finds what a scan of the entries finds, for every key and part of a key', () => {
    const protocols = [
      parseAscconv(readFileSync(sample.path, 'latin1')).protocol!,
      ...vendorFiles('SIEMENS')
        .map(({ dataset }) => siemensSources(dataset).protocol)
        .filter((protocol): protocol is Ascconv => protocol !== undefined)
        .filter((_, index) => index % 10 === 0),
    ];
    let checked = 0;
    for (const protocol of protocols) {
      const fragments = new Set([
        'ucReadOutMode',
        'sCoilElementID.tCoilID',
        'sWipMemBlock.tFree',
        'absent.key',
      ]);
      for (const key of protocol.entries.keys()) {
        fragments.add(key);
        fragments.add(key.slice(Math.floor(key.length / 3), Math.ceil((key.length * 2) / 3) + 1));
        fragments.add(key.slice(-5));
      }
      for (const fragment of fragments) {
        expect(ascconvFind(protocol, fragment), fragment).toEqual(scan(protocol, fragment));
        checked += 1;
      }
    }
    expect(protocols.length).toBeGreaterThan(10);
    expect(checked).toBeGreaterThan(20_000);
  });
});
