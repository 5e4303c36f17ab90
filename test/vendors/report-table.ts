/**
 * Prints the field × Ref-set comparison table of the vendor sidecar fields (a development aid:
 * `npx tsx test/vendors/report-table.ts`). Cells: `=` equal in all Refs of the set, `≠` different,
 * `ours` only we have it, `ref` only the Ref has it, `·` neither; mixed cells list counts.
 */
import {
  geComparisons,
  geFields,
  geSets,
  philipsComparisons,
  philipsFields,
  philipsSets,
  siemensComparisons,
  siemensFields,
  siemensSets,
  uihComparisons,
  uihFields,
} from './ref-comparisons.js';
import type { FieldComparison } from './sidecar-compare.js';

function cell(field: string, comparisons: { fields: FieldComparison[] }[]): string {
  const counts = new Map<string, number>();
  for (const { fields } of comparisons) {
    const found = fields.find((item) => item.field === field)!;
    const key =
      found.verdict === 'equal' && found.ours === undefined
        ? '·'
        : { equal: '=', different: '≠', 'only-ours': 'ours', 'only-ref': 'ref' }[found.verdict];
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size === 1) return [...counts.keys()][0]!;
  return [...counts].map(([key, count]) => `${key}×${count}`).join(' ');
}

function table(
  title: string,
  fields: readonly string[],
  sets: readonly string[],
  compare: (set: string) => { fields: FieldComparison[] }[],
): void {
  const results = sets.map((set) => compare(set));
  console.log(`\n${title}\n| field | ${sets.map((set) => set.replace('dcm_qa/', '')).join(' | ')} |`);
  console.log(`|---|${sets.map(() => '---').join('|')}|`);
  for (const field of fields)
    console.log(`| ${field} | ${results.map((result) => cell(field, result)).join(' | ')} |`);
}

table('Siemens', siemensFields, siemensSets, siemensComparisons);
table('GE', geFields, geSets, geComparisons);
table('UIH', uihFields, ['dcm_qa/dcm_qa_uih'], () => uihComparisons());
table('Philips', philipsFields, philipsSets, philipsComparisons);
