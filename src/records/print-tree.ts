/**
 * `print()`: a record and everything below it as dbdicom prints it (seed-features.md §3.3):
 * a header line per record type, two spaces of indent per level, each series followed by
 * `Nr of instances: N`, and a series printed on its own listing its instances.
 */
import type { DicomRecord } from './record.js';

/** dbdicom's print() headers, dashes and all (§3.3). */
const printHeaders = {
  Database: '---------- DATABASE --------------',
  Patient: '---------- PATIENT -------------',
  Study: '---------- STUDY ---------------',
  Series: '---------- SERIES --------------',
  Instance: '---------- INSTANCE ------------',
} as const;

export async function printTree(record: DicomRecord): Promise<string> {
  const lines: string[] = [printHeaders[record.type]];
  const walk = async (node: DicomRecord, depth: number) => {
    const pad = '  '.repeat(depth);
    lines.push(`${pad}${node.label()}`);
    if (node.level === 'series') {
      const instances = await node.instances();
      lines.push(`${pad}  Nr of instances: ${instances.length}`);
      // The series' own view lists its instances.
      if (depth === 0) for (const instance of instances) lines.push(`${pad}    ${instance.label()}`);
      return;
    }
    for (const child of await node.children()) await walk(child, depth + 1);
  };
  if (record.level === undefined) lines.push(`Location:  ${record.context.root}`);
  await walk(record, 0);
  lines.push('-'.repeat(32));
  return `${lines.join('\n')}\n`;
}
