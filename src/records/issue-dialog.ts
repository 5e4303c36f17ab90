/**
 * How the records API tells its user what a read or an export met (a missing slice, a resampled
 * gap, an unreadable palette): Issues are data in the layers below; here, where a method returns
 * only its records or paths, each becomes a warning dialog of the database's messaging, titled
 * with the series it is about (silent unless `openDatabase` was given a messaging).
 */
import type { Issue } from '../issue.js';
import type { Messaging } from './messaging.js';

export function issueDialog(messaging: Messaging): (issue: Issue, series: string) => void {
  return (issue, series) =>
    messaging.dialog.warning(`${issue.severity} [${issue.code}] ${issue.message}`, series);
}
