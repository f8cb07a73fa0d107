// Every user-facing string of schedule import, in English, with `{0}`, `{1}`… placeholders. The adapters
// (VS Code command, CLI) localise by code; the core only ever returns a code, this template and its args.
import { coreMessage, fillTemplate, type CoreMessage } from '../messages';
import type { DiagnosticSeverity } from '../notes/model';
import { withoutControlCharacters } from './controlCharacters';

export const IMPORT_MESSAGES = {
  // Failed parses: nothing is written.
  'too-large': 'The schedule {0} is {1} MB; files over {2} MB are not imported.',
  'not-a-file': 'The schedule {0} is not a regular file (but a folder, a pipe or a device); give the exported file itself.',
  'too-many-sessions': 'The schedule {0} holds {1} sessions; schedules with more than {2} are not imported.',
  'unknown-format': 'Cannot tell what kind of schedule {0} is: expected a frab/Pentabarf schedule.xml, a frab or pretalx schedule.json, an iCalendar .ics, an xCal file or a Sessionize JSON export.',
  'invalid-time-zone': 'Unknown time zone "{0}": use an IANA name such as Europe/Berlin or Asia/Tokyo.',
  'ics-malformed': 'The iCalendar file {0} cannot be read: {1}',
  'json-malformed': 'The JSON file {0} cannot be read: {1}',
  'xml-malformed': 'The XML file {0} cannot be read: {1} (line {2}).',
  // Fetching a schedule from its URL: nothing is written.
  'fetch-bad-url': '"{0}" is not an http or https address of a schedule.',
  'fetch-timeout': 'The schedule at {0} did not arrive within {1} seconds; try again later or download it and import the file.',
  'fetch-too-large': 'The schedule at {0} is larger than {1} MB; it is not imported.',
  'fetch-status': 'The schedule at {0} could not be fetched: the server answered {1} {2}.',
  'fetch-content-type': 'The address {0} sends {1}, not a schedule export: give the address of the schedule.xml, schedule.json, .ics or JSON export itself.',
  'fetch-failed': 'The schedule at {0} could not be fetched: {1}',
  'fetch-blocked': 'The browser did not let this page fetch {0} (the server does not allow other sites to read it). Download the schedule and import the file instead.',
  'refresh-no-source': '{0} names no schedule URL (front matter "schedule:"); import the schedule from its URL once to refresh it later.',
  'missing-structure': 'The {0} export {1} has no {2}.',
  // Warnings: the schedule is imported without the session or the field named.
  'session-skipped': 'A session in {0} has no {1} and was skipped: {2}.',
  'bad-time': 'Session "{0}" has an unreadable {1} "{2}"; it was imported without a time.',
  'bad-ics-time': 'Session "{0}" has an unreadable {1}; it was imported without a time.',
  'bad-end-time': 'Session "{0}" has an unreadable or impossible {1} "{2}"; it was imported with its start time only.',
  'unknown-event-time-zone': 'Session "{0}" is in time zone "{1}", which is not an IANA name; its time was taken as written.',
  'duplicate-uid': 'Two sessions have the UID {0} ("{1}" and "{2}"); only the first was imported.',
  'empty-schedule': 'The schedule {0} holds no sessions.',
  'service-sessions-skipped': '{0} service sessions (breaks, meals) were left out.',
  // Re-import.
  'reimport-duplicate-uid': 'The UID {0} appears more than once in the notes; only its first session is updated.',
  'reimport-unreadable-file': 'The front matter of {0} cannot be read ({1}); the file was left alone.',
  'reimport-missing': 'Session "{0}" (UID {1}) was imported before but is no longer in the notes; it was not recreated.',
  'reimport-kept-status': 'Session "{0}" is no longer in the schedule, but its status "{1}" was kept.',
  'reimport-summary': '{0} added, {1} changed, {2} cancelled, {3} unchanged.',
  'reimport-added': 'Added: {0}',
  'reimport-changed': 'Changed: {0} ({1})',
  'reimport-cancelled': 'Cancelled: {0}',
  'reimport-conflict': 'Kept your {1} of "{0}": the note says {2}, the schedule now says {3}.',
  'import-record-unreadable': '{0} cannot be read, so no value of the notes counts as imported: where a note and the schedule differ, the note is kept. The file is written anew.',
  // Writing: nothing or everything is written.
  'write-exists': 'Could not write {0} in {1}: something the import did not expect is already there. Nothing was changed; move it away or import into another folder.',
  'write-folder': 'Could not write {0} in {1}: a folder is where the file goes. Nothing was changed; move the folder away or import into another folder.',
  'write-link': 'Could not write {0} in {1}: a symbolic link is where the file goes, and the import does not write through links. Nothing was changed; replace the link by a file or import into another folder.',
  'write-not-folder': 'Could not write {0} in {1}: {1} is not a folder. Nothing was changed; import into a folder.',
  'write-no-space': 'Could not write {0} in {1}: the disk is full. Nothing was changed; free some space and import again.',
  'write-no-permission': "Could not write {0} in {1}: permission denied. Nothing was changed; check the folder's permissions or import into another folder.",
  'write-failed': 'Could not write {0} in {1}: {2}. Nothing was changed; import again once the cause is fixed.',
  'write-rollback-failed': 'Could not write {0} in {1}, and putting back the files already written failed too: check {2}.',
  // Text written into notes.
  'untracked-heading': 'Other sessions',
} as const;

export type ImportMessageCode = keyof typeof IMPORT_MESSAGES;

/** One problem or piece of news from import. */
export interface ImportMessage extends CoreMessage<ImportMessageCode> {
  readonly severity: DiagnosticSeverity;
}

export function importMessage(code: ImportMessageCode, args: readonly (string | number)[], severity: DiagnosticSeverity): ImportMessage {
  // Values quote the schedule (titles, unreadable text): no control character of it reaches a terminal or a dialog.
  const clean = args.map((arg) => (typeof arg === 'string' ? withoutControlCharacters(arg) : arg));
  return { ...coreMessage(IMPORT_MESSAGES, code, clean), severity };
}

/** Fills a message's placeholders: for the CLI, logs and tests; the VS Code adapter localises instead. */
export function formatImportMessage(message: ImportMessage): string {
  return fillTemplate(message.message, message.args);
}
