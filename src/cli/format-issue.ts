/**
 * One line per Issue on stderr: severity, code, message and place.
 */
import type { Issue } from '../issue.js';

export function formatIssue(issue: Issue): string {
  const where = issue.where;
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
