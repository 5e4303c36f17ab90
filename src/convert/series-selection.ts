/**
 * `--only-series`: convert only the series the user names, by Series Number or Series Instance
 * UID, instead of staging a folder per series (user-needs §1.1 item 10: rordenlab/dcm2niix#840,
 * #252). dcm2niix's `-n` takes a CRC of the UID that only dcm2niix prints (v1.0.20220720);
 * radkit takes what `radkit ls` and every viewer show.
 */
import type { Issue } from '../issue.js';
import type { ImageRecord, Stack } from '../volume/index.js';

/** How many Series Numbers an Issue lists before it stops. */
const listedSeries = 20;

/** Whether `record` is in the series `selector` names (a UID, or a Series Number). */
function names(selector: string, record: ImageRecord): boolean {
  if (record.seriesInstanceUID === selector) return true;
  return /^\d+$/.test(selector) && record.seriesNumber === Number(selector);
}

/** The series the input holds, as a reader of the Issue would look them up. */
function heldSeries(stacks: readonly Stack[]): string {
  const numbers = new Set<string>();
  for (const stack of stacks)
    for (const record of stack.records) numbers.add(String(record.seriesNumber ?? record.seriesInstanceUID));
  const sorted = [...numbers].sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0));
  if (sorted.length === 0) return 'the input holds no image';
  const more = sorted.length > listedSeries ? ` and ${sorted.length - listedSeries} more` : '';
  return `the input holds series ${sorted.slice(0, listedSeries).join(', ')}${more}`;
}

/**
 * The stacks that hold an image of a series `selectors` name. Stacks, not images, are chosen, so
 * an output is what the whole input would give for it: the same images (a stack that joins two
 * series of one acquisition, as Siemens XA classic files do, comes whole) and the same name
 * (the `_e1` of an echo split by another series is kept). A selector that names no series is an
 * error Issue, so that a run that converted less than was asked for exits 1 ("converted some
 * but not all").
 */
export function selectStacks(
  stacks: readonly Stack[],
  selectors: readonly string[],
): { readonly stacks: Stack[]; readonly issues: Issue[] } {
  const found = new Set<string>();
  const selected = stacks.filter((stack) => {
    let wanted = false;
    for (const selector of selectors)
      if (stack.records.some((record) => names(selector, record))) {
        found.add(selector);
        wanted = true;
      }
    return wanted;
  });
  const issues: Issue[] = selectors
    .filter((selector) => !found.has(selector))
    .map((selector) => ({
      code: 'series-not-found',
      severity: 'error',
      message: `no series has the Series Number or Series Instance UID '${selector}'; ${heldSeries(stacks)}`,
    }));
  return { stacks: selected, issues };
}
