/**
 * Acceptance 1 of the library step: for every series radifox-convert named or skipped in the
 * corpus (../shared/reference/radifox-names.tsv), radkit's dry-run import decides the same,
 * apart from the series where radifox-convert crashed or its dcm2niix step failed, which radkit
 * names (listed in docs/naming.md).
 */
import { describe, expect, it } from 'vitest';
import { corpus, missing } from '../support/requirements.js';
import { compareWithRadifox } from './radifox-names.js';

describe.skipIf(missing(corpus()))('radkit names the corpus as radifox-convert does', () => {
  it('decides every series the same, or better where RADIFOX failed', { timeout: 300_000 }, async () => {
    const comparisons = await compareWithRadifox();
    const same = comparisons.filter((c) => c.verdict === 'same').length;
    const different = comparisons.filter((c) => c.verdict === 'different');
    const improved = comparisons.filter((c) => c.verdict === 'improved');
    expect(comparisons.length).toBe(190);
    // The issue asks ≥ 98 % identical; every difference left is a documented improvement.
    expect(same / (same + different.length)).toBeGreaterThanOrEqual(0.98);
    expect(
      different.map((c) => `${c.row.set} ${c.row.radifoxSeriesUID}: ${c.row.outcome} → ${c.radkitOutcome}`),
    ).toEqual([]);
    expect(improved.map((c) => c.row.set).sort()).toEqual(
      [
        'd2n-failing-sliceincrement-002',
        'd2n-ge-fmri-001',
        'd2n-ge-fmri-001-implicit',
        'dcmqa-enh-philips',
        'dcmqa-enh-philips',
        'nibabel-nicom',
        'pydicom-charset',
        'pydicom-testfiles',
        'pydicom-testfiles-s03',
        'pydicomdata',
        'pydicomdata-s02',
        'pydicomdata-s03',
        'pydicomdata-s05',
      ].sort(),
    );
  });
});
