/**
 * One line per Issue on stderr: severity, code, message and place.
 */
import type { Issue } from '../issue.js';

/** `place: false` leaves the place out, where the line is printed under what it is about. */
export function formatIssue(issue: Issue, options: { place?: boolean } = {}): string {
  const where = options.place === false ? undefined : issue.where;
  const place = [
    where?.seriesInstanceUID === undefined ? undefined : `series ${where.seriesInstanceUID}`,
    where?.file,
    where?.offset === undefined ? undefined : `byte ${where.offset}`,
    where?.tag,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  return `${issue.severity} [${issue.code}] ${issue.message}${place === '' ? '' : ` (${place})`}`;
}
