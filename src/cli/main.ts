// `conference-notes`: the command-line twin of the extension. It runs the same core (parser, index, statistics,
// chart renderer) on notes read from disk, for scripts, CI and people who publish reports without VS Code.
//
//   conference-notes sessions [--format table|json] PATH...
//   conference-notes stats    [--format table|json|csv|md] [--sort count|name] [--percent] PATH...
//   conference-notes chart    [-o FILE.svg] [--theme light|dark] [--sort count|name] [--percent] PATH...
//   conference-notes import   FILE|URL --out DIR [--layout report|files] [--tz ZONE] [--timeout SECONDS]
//   conference-notes refresh  DIR [--tz ZONE] [--timeout SECONDS]   (imports again from the URL the notes name)
//   conference-notes mcp      [--allow-edits] FOLDER        (an MCP server on stdio: src/cli/mcp/)
//   conference-notes publish  REPORT --out DIR [--notes PATH]... [--format svg|png] [--theme light|dark] [--force]   (src/cli/publish.ts)
//   conference-notes agenda   [--conference NAME] [--tz ZONE] [--ics [--out FILE]] PATH...
//   conference-notes compose  --conference NAME [--without-notes list|omit] [--out FILE] PATH...   (src/core/report/)
//
// Skipped or broken files are reported on stderr; the exit code is 0 when the notes could be read, 1 when none of
// the paths could be read, 2 for a usage error.
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildAgenda, dayAt, type Agenda } from '../core/agenda/agenda';
import { AGENDA_MESSAGES, type AgendaLabels } from '../core/agenda/agendaMessages';
import { agendaTextDays } from '../core/agenda/agendaText';
import { agendaToICalendar } from '../core/agenda/icalendar';
import { conferenceTimeZone } from '../core/agenda/timeZone';
import { isValidTimeZone, systemTimeZone } from '../core/import/zonedTime';
import { renderTrackChart } from '../core/stats/chart';
import { IMPORT_RECORD_FILE, planImport, type ImportLayout } from '../core/import/importPlan';
import { IMPORT_MESSAGES, parseSchedule, scheduleFileProblem, type ImportMessage } from '../core/import/schedule';
import { DEFAULT_FETCH_TIMEOUT_MS, fetchSchedule, scheduleSourceOf, type FetchFunction } from '../core/import/fetchSchedule';
import { importMessage } from '../core/import/messages';
import { writeFailure, writeImportPlan } from '../core/import/writePlan';
import { nodeImportFiles, type ImportFileSystem } from './importFiles';
import { parse as parseJsonc } from 'jsonc-parser';
import { isNoteFile } from '../core/notes/excludes';
import { SESSION_STATUSES, type ParsedNote, type Session, type SessionStatus } from '../core/notes/model';
import { folderSettingsFromFile, settingsFileProblem, type FolderSettings, type SettingsMessage } from '../core/notes/noteSettings';
import { NoteIndex } from '../core/notes/noteIndex';
import { folderSnapshot } from '../core/notes/indexSnapshot';
import {
  folderFile, problemLine, problemsOf, readFolderWarm, readNotes, snapshotEntries, type NoteFileRef, type NoteReading, type NoteSource,
} from '../core/notes/pipeline';
import { composeReport, SESSIONS_WITHOUT_NOTES, type SessionsWithoutNotes } from '../core/report/compose';
import { computeTrackStats, STATS_SCOPES, statsToCsv, statsToJson, statsToMarkdownTable, statsToTable, type StatsScope, type TrackSort } from '../core/stats/stats';
import { explainLines, workspaceRootOf } from './explain';
import { nodeFolderSource, readNoteText, readSavedIndex, writeSavedIndex } from './folderSource';
import { readRegularFile } from './regularFile';
import { runPublish } from './publish';
import { version as CLI_VERSION } from '../../package.json';
import { serveNotesOverStdio } from './mcp/server';
import { CLI_MESSAGES as M, cliLanguage, cliText, statsLabels } from './text';

/** Files read at once: the disk stays busy while each note is parsed. */
const READ_CONCURRENCY = 16;

type Format = 'table' | 'json' | 'csv' | 'md';

interface CliOptions {
  readonly command: 'sessions' | 'stats' | 'chart' | 'import' | 'refresh' | 'mcp' | 'agenda' | 'explain' | 'compose';
  readonly paths: readonly string[];
  readonly format: Format;
  readonly sort: TrackSort;
  readonly percent: boolean;
  readonly output?: string;
  readonly theme: 'light' | 'dark';
  /** From `--max-size`; else the settings' `conferenceNotes.maxFileSize`, else 2 MiB. */
  readonly maxFileSize?: number;
  readonly layout: ImportLayout;
  readonly timeZone?: string;
  /** `--timeout`: how long fetching a schedule from its URL may take. */
  readonly timeoutMs: number;
  /** A VS Code settings.json whose `conferenceNotes.*` reading settings apply (else each folder's own). */
  readonly settingsFile?: string;
  /** `--cache DIR`: where the index of each folder read is saved, so the next run reads only what changed. */
  readonly cacheDir?: string;
  /** `mcp --allow-edits`: the server may set a session's status. */
  readonly allowEdits: boolean;
  /** `--status a,b`: count only sessions with these statuses (stats, chart). */
  readonly statuses?: readonly SessionStatus[];
  /** `--scope programme|mine`: count the imported programme or the user's own sessions (stats, chart). */
  readonly scope?: StatsScope;
  /** `agenda --conference NAME`, `compose --conference NAME`. */
  readonly conference?: string;
  /** `compose --without-notes list|omit`: what becomes of sessions attended without notes. */
  readonly withoutNotes: SessionsWithoutNotes;
  /** `agenda --ics`: iCalendar instead of text. */
  readonly ics: boolean;
}

class UsageError extends Error {}

const COMMANDS: readonly string[] = ['sessions', 'stats', 'chart', 'import', 'refresh', 'mcp', 'agenda', 'explain', 'compose'] satisfies readonly CliOptions['command'][];

function isCommand(command: string): command is CliOptions['command'] {
  return COMMANDS.includes(command);
}

function parseArguments(argv: readonly string[]): CliOptions | 'help' {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') return 'help';
  if (!isCommand(command)) {
    throw new UsageError(cliText(M.unknownCommand, command));
  }
  const paths: string[] = [];
  let format: Format = 'table';
  let sort: TrackSort = 'count';
  let percent = false;
  let output: string | undefined;
  let theme: 'light' | 'dark' = 'light';
  let maxFileSize: number | undefined;
  let layout: ImportLayout = 'report';
  let timeZone: string | undefined;
  let timeoutMs = DEFAULT_FETCH_TIMEOUT_MS;
  let settingsFile: string | undefined;
  let cacheDir: string | undefined;
  let allowEdits = false;
  let statuses: SessionStatus[] | undefined;
  let scope: StatsScope | undefined;
  let conference: string | undefined;
  let ics = false;
  let withoutNotes: SessionsWithoutNotes = 'list';
  const valueOf = (option: string, index: number): string => {
    const value = rest[index + 1];
    if (value === undefined) throw new UsageError(cliText(M.missingValue, option));
    return value;
  };
  const oneOf = <T extends string>(option: string, value: string, allowed: readonly T[]): T => {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new UsageError(cliText(M.invalidChoice, option, allowed.join(', ')));
    }
    return value as T;
  };
  for (let i = 0; i < rest.length; i++) {
    const argument = rest[i];
    switch (argument) {
      case '--format':
        format = oneOf(argument, valueOf(argument, i++), command === 'sessions' ? ['table', 'json'] as const : ['table', 'json', 'csv', 'md'] as const);
        break;
      case '--sort':
        sort = oneOf(argument, valueOf(argument, i++), ['count', 'name'] as const);
        break;
      case '--percent':
        percent = true;
        break;
      case '--allow-edits':
        allowEdits = true;
        break;
      case '--status':
        statuses = valueOf(argument, i++).split(',').map((status) => oneOf(argument, status.trim(), SESSION_STATUSES));
        break;
      case '--scope':
        scope = oneOf(argument, valueOf(argument, i++), STATS_SCOPES);
        break;
      case '--conference':
        conference = valueOf(argument, i++);
        break;
      case '--ics':
        ics = true;
        break;
      case '--without-notes':
        withoutNotes = oneOf(argument, valueOf(argument, i++), SESSIONS_WITHOUT_NOTES);
        break;
      case '-o':
      case '--output':
      case '--out':
        output = valueOf(argument, i++);
        break;
      case '--layout':
        layout = oneOf(argument, valueOf(argument, i++), ['report', 'files'] as const);
        break;
      case '--tz':
        timeZone = valueOf(argument, i++);
        break;
      case '--timeout': {
        const seconds = Number(valueOf(argument, i++));
        if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(cliText(M.invalidTimeout, argument));
        timeoutMs = seconds * 1000;
        break;
      }
      case '--settings':
        settingsFile = valueOf(argument, i++);
        break;
      case '--cache':
        cacheDir = valueOf(argument, i++);
        break;
      case '--theme':
        theme = oneOf(argument, valueOf(argument, i++), ['light', 'dark'] as const);
        break;
      case '--max-size': {
        maxFileSize = Number(valueOf(argument, i++));
        if (!Number.isInteger(maxFileSize) || maxFileSize <= 0) throw new UsageError(cliText(M.invalidSize, argument));
        break;
      }
      default:
        if (argument.startsWith('-')) throw new UsageError(cliText(M.unknownOption, argument));
        paths.push(argument);
    }
  }
  if (paths.length === 0) throw new UsageError(cliText(M.noPaths));
  if (command === 'import' && (paths.length !== 1 || output === undefined)) throw new UsageError(cliText(M.importUsage));
  if (command === 'refresh' && paths.length !== 1) throw new UsageError(cliText(M.refreshUsage));
  if (command === 'mcp' && paths.length !== 1) throw new UsageError(cliText(M.mcpUsage));
  if (command === 'agenda' && output !== undefined && !ics) throw new UsageError(cliText(M.agendaOutUsage));
  if (command === 'compose' && conference === undefined) throw new UsageError(cliText(M.composeUsage));
  if (timeZone !== undefined && command === 'agenda' && !isValidTimeZone(timeZone)) throw new UsageError(cliText(M.invalidTimeZone, timeZone));
  return { command, paths, format, sort, percent, output, theme, maxFileSize, layout, timeZone, timeoutMs, settingsFile, cacheDir, allowEdits, statuses, scope, conference, ics, withoutNotes };
}

/**
 * A folder's settings as in VS Code: the `conferenceNotes.*`, `files.exclude` and `search.exclude` entries of
 * `--settings FILE`, else of the folder's own `.vscode/settings.json` (JSON with comments), else the defaults. The
 * settings file comes with the notes (a cloned repository), so it is read as a regular file of at most 1 MiB only,
 * and a glob in it that is refused is reported once here, not for every note.
 */
async function folderSettings(folder: string, options: CliOptions, warn: (message: string) => void): Promise<FolderSettings> {
  const file = options.settingsFile ?? path.join(folder, '.vscode', 'settings.json');
  const shown = path.relative(process.cwd(), file) || file;
  const report = (problem: SettingsMessage) => warn(cliText(problem.message, ...problem.args));
  let values: Record<string, unknown> = {};
  try {
    const read = await readRegularFile(file, (entry) => settingsFileProblem(shown, entry));
    if (read instanceof Uint8Array) {
      const parsed: unknown = parseJsonc(new TextDecoder().decode(read));
      if (typeof parsed === 'object' && parsed !== null) values = parsed as Record<string, unknown>;
    } else {
      report(read);
    }
  } catch (error) {
    // A folder without settings is the normal case; a settings file named on the command line must exist.
    if (options.settingsFile !== undefined || (error as NodeJS.ErrnoException).code !== 'ENOENT') warn(cliText(M.cannotRead, file, (error as Error).message));
  }
  const settings = folderSettingsFromFile(values);
  settings.problems.forEach(report);
  return options.maxFileSize === undefined ? settings : { ...settings, maxFileSize: options.maxFileSize };
}

/** The notes under one path given on the command line; a file given explicitly is read whatever its extension. */
async function readPath(given: string, options: CliOptions, warn: (message: string) => void): Promise<ParsedNote[]> {
  const isFile = (await fs.stat(given)).isFile();
  const root = isFile ? path.dirname(given) : given;
  const settings = await folderSettings(root, options, warn);
  const source = nodeFolderSource(root, warn);
  const uriOf = (relative: string) => pathToFileURL(path.join(root, ...relative.split('/'))).toString();
  // Relative to the given folder, as VS Code's are relative to the workspace folder, so folder-depth settings mean
  // the same in both.
  const { files, readings } = isFile
    ? await readGivenFile(source, folderFile(path.basename(given), uriOf), settings)
    : await readFolderWithCache(source, settings, uriOf, pathToFileURL(root).toString(), options.cacheDir, warn);
  const notes: ParsedNote[] = [];
  readings.forEach((reading, i) => {
    const shown = path.relative(process.cwd(), path.join(root, files[i].path)) || files[i].path;
    for (const problem of problemsOf(reading)) warn(problemLine(shown, problem, cliText(problem.message, ...problem.args)));
    if (reading.kind === 'parsed') notes.push(reading.note);
  });
  return notes;
}

async function readGivenFile(source: NoteSource, file: NoteFileRef, settings: FolderSettings): Promise<{ files: NoteFileRef[]; readings: NoteReading[] }> {
  return { files: [file], readings: await readNotes(source, [file], settings, { cause: 'scan', concurrency: 1 }) };
}

/**
 * A folder's notes in listing order. With `--cache`, the notes saved by the last run whose files did not change
 * are taken as saved, only the others are read, and the index is saved again.
 */
async function readFolderWithCache(
  source: NoteSource,
  settings: FolderSettings,
  uriOf: (relative: string) => string,
  folder: string,
  cacheDir: string | undefined,
  warn: (message: string) => void,
): Promise<{ files: NoteFileRef[]; readings: NoteReading[] }> {
  const label = fileURLToPath(folder);
  const saved = cacheDir === undefined ? [] : await readSavedIndex(cacheDir, folder, label, settings, warn);
  const { files, readings, unchanged } = await readFolderWarm(source, settings, uriOf, saved, READ_CONCURRENCY);
  if (cacheDir !== undefined) await writeSavedIndex(cacheDir, folderSnapshot(folder, settings, snapshotEntries(unchanged, readings)), label, warn);
  const byPath = new Map<string, NoteReading>(readings.map(({ file, reading }) => [file.path, reading]));
  for (const { path: relative, note, key } of unchanged) byPath.set(relative, { kind: 'parsed', note, key });
  return { files, readings: files.map((file) => byPath.get(file.path)!) };
}

async function readNoteIndex(options: CliOptions, warn: (message: string) => void): Promise<{ index: NoteIndex; readable: boolean }> {
  const notes: ParsedNote[] = [];
  let readable = false;
  for (const given of options.paths) {
    try {
      notes.push(...(await readPath(path.resolve(given), options, warn)));
      readable = true;
    } catch (error) {
      warn(cliText(M.cannotRead, given, (error as Error).message));
    }
  }
  const index = new NoteIndex();
  index.updateMany(notes, []);
  return { index, readable };
}

function sessionsTable(sessions: readonly Session[]): string {
  const rows = sessions.map((session) => [session.conference, session.track ?? cliText(M.noTrack), session.title, session.speakers.join(', ')]);
  const header = [cliText(M.conferenceColumn), cliText(M.trackColumn), cliText(M.sessionColumn), cliText(M.speakersColumn)];
  return alignColumns([header, ...rows]);
}

/**
 * A cell as the terminal should show it: a line break or tab is a space (a newline in a title cannot split a row), and
 * every other control character — ESC and C1 sequences that retitle the window or clear the screen, BEL, CR that
 * overwrites the line — is shown as a visible `\xNN` escape instead of acting on the terminal.
 */
function terminalText(text: string): string {
  return text
    .replace(/\r\n|[\n\t\v\f\u2028\u2029]/g, ' ')
    // eslint-disable-next-line no-control-regex -- matching them is the point
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** Plain-text columns padded to equal width (East Asian wide characters count as two), cells made terminal-safe. */
function alignColumns(rows: readonly (readonly string[])[]): string {
  const width = (text: string) => [...text].reduce((sum, char) => sum + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1), 0);
  const safeRows = rows.map((row) => row.map(terminalText));
  const widths = safeRows[0].map((_, column) => Math.max(...safeRows.map((row) => width(row[column] ?? ''))));
  return safeRows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell + ' '.repeat(widths[column] - width(cell)))).join('  ').trimEnd()).join('\n');
}

/**
 * Imports a schedule export (a file, or a URL fetched) into `--out`: the first time it writes the stubs, later it
 * re-imports — field lines only, new sessions added, user text kept — and prints what changed (no preview prompt on
 * the command line). `refresh DIR` imports again from the URL and in the zone the notes of DIR name.
 */
async function importSchedule(options: CliOptions, io: { out(text: string): void; err(text: string): void }, fileSystem: ImportFileSystem, fetchFunction: FetchFunction): Promise<number> {
  const folder = options.command === 'refresh' ? options.paths[0] : (options.output as string);
  const fail = (message: string) => {
    io.err(`conference-notes: ${message}\n`);
    return 1;
  };
  const existingFiles: { name: string; text: string }[] = [];
  let recordText: string | undefined;
  try {
    const entries = await fs.readdir(folder, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return []; // A new folder: the import creates it.
      throw error;
    });
    for (const entry of entries) {
      if (entry.isFile() && isNoteFile(entry.name)) existingFiles.push({ name: entry.name, text: await fs.readFile(path.join(folder, entry.name), 'utf8') });
      if (entry.isFile() && entry.name === IMPORT_RECORD_FILE) recordText = await fs.readFile(path.join(folder, entry.name), 'utf8');
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'ENOTDIR' ? localizeImportMessage(writeFailure(path.basename(folder), folder, error)) : cliText(M.cannotRead, folder, (error as Error).message));
  }
  let from = options.paths[0];
  let { layout, timeZone } = options;
  if (options.command === 'refresh') {
    const source = scheduleSourceOf(existingFiles);
    if (!source) return fail(localizeImportMessage(importMessage('refresh-no-source', [folder], 'error')));
    from = source.url;
    layout = source.layout;
    timeZone ??= source.timeZone;
  }
  let text: string;
  let fileName = path.basename(from);
  // Anything with a scheme is an address (fetchSchedule refuses what is not http or https), not a file name.
  const source = /^[a-z][\w+.-]*:\/\//i.test(from) ? from : undefined;
  if (source !== undefined) {
    const fetched = await fetchSchedule(source, fetchFunction, { timeoutMs: options.timeoutMs });
    if (!fetched.ok) return fail(localizeImportMessage(fetched.error));
    ({ text, fileName } = fetched);
  } else {
    try {
      text = await readScheduleFile(from);
    } catch (error) {
      return fail(error instanceof ScheduleFileError ? localizeImportMessage(error.problem) : cliText(M.cannotRead, from, (error as Error).message));
    }
  }
  const parsed = await parseSchedule(text, { fileName, timeZone, source });
  if (!parsed.ok) return fail(localizeImportMessage(parsed.error));
  // The heading levels the folder's notes are read with, as the extension's import uses.
  const { parseOptions } = await folderSettings(folder, options, (message) => io.err(`${message}\n`));
  const plan = planImport(parsed.schedule, {
    layout,
    existingFiles,
    recordText,
    reportLayout: { trackHeadingLevel: parseOptions.trackHeadingLevel, sessionHeadingLevel: parseOptions.sessionHeadingLevel, untrackedHeading: cliText(IMPORT_MESSAGES['untracked-heading']) },
  });
  try {
    await fs.mkdir(folder, { recursive: true });
  } catch (error) {
    return fail(localizeImportMessage(writeFailure(path.basename(folder), path.dirname(folder), error)));
  }
  const failure = await writeImportPlan(plan.writes, nodeImportFiles(folder, fileSystem), folder);
  if (failure) return fail(localizeImportMessage(failure));
  for (const write of plan.writes) io.err(`${cliText(M.wrote, path.join(folder, write.name))}\n`);
  for (const message of plan.summary) io.out(`${localizeImportMessage(message)}\n`);
  return 0;
}

class ScheduleFileError extends Error {
  constructor(readonly problem: ImportMessage) {
    super(problem.message);
  }
}

/**
 * The schedule file's text. Opened without blocking and checked on the open handle, so a pipe or a device given as
 * the schedule is refused instead of read forever, and an oversized file before it is read.
 */
async function readScheduleFile(file: string): Promise<string> {
  const handle = await fs.open(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  try {
    const entry = await handle.stat();
    const problem = scheduleFileProblem(path.basename(file), { isFile: entry.isFile(), size: entry.size });
    if (problem) throw new ScheduleFileError(problem);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

function localizeImportMessage(message: { message: string; args: readonly string[] }): string {
  return cliText(message.message, ...message.args);
}

/**
 * `mcp FOLDER`: serves the folder's notes until the client closes the connection. Reading problems are reported on
 * stderr the first time only (every request reads the folder again); a folder that cannot be read fails at once.
 */
async function serveMcp(options: CliOptions, io: { err(text: string): void }): Promise<number> {
  const folder = path.resolve(options.paths[0]);
  try {
    if (!(await fs.stat(folder)).isDirectory()) throw new Error(cliText(M.mcpUsage));
  } catch (error) {
    io.err(`${cliText(M.cannotRead, options.paths[0], (error as Error).message)}\n`);
    return 1;
  }
  let reads = 0;
  const readIndex = async () => {
    const warn = reads++ === 0 ? (message: string) => io.err(`${message}\n`) : () => undefined;
    return (await readNoteIndex({ ...options, paths: [folder] }, warn)).index;
  };
  await serveNotesOverStdio({ folder, readIndex, allowEdits: options.allowEdits, version: CLI_VERSION });
  return 0;
}

/** The agenda's words in the user's language. */
function agendaLabels(): AgendaLabels {
  return Object.fromEntries(Object.entries(AGENDA_MESSAGES).map(([key, text]) => [key, cliText(text)])) as unknown as AgendaLabels;
}

/** The agenda of each conference, its times read in `--tz`, else in the zone its notes name, else the system's. */
async function conferenceAgenda(index: NoteIndex, conference: string, options: CliOptions): Promise<Agenda> {
  const sessions = index.sessionsOfConference(conference);
  const texts = async function* (): AsyncGenerator<string> {
    for (const uri of new Set(sessions.map((session) => session.uri))) yield await fs.readFile(fileURLToPath(uri), 'utf8').catch(() => '');
  };
  let timeZone = options.timeZone;
  if (timeZone === undefined) {
    const read: string[] = [];
    for await (const text of texts()) read.push(text);
    timeZone = conferenceTimeZone(read, systemTimeZone());
  }
  return buildAgenda(conference, sessions, timeZone);
}

/** The conference of the index `given` names: as written, else in any case; else the message that none is. */
function conferenceNamed(index: NoteIndex, given: string): { readonly name: string } | { readonly problem: string } {
  const names = index.conferences().map(({ name }) => name);
  const wanted = given.toLowerCase();
  const name = names.find((candidate) => candidate === given) ?? names.find((candidate) => candidate.toLowerCase() === wanted);
  return name === undefined ? { problem: cliText(M.noConference, given, names.join(', ')) } : { name };
}

/** The conference `--conference` names (any case), else the only one, else the one on today. */
async function chooseAgenda(index: NoteIndex, options: CliOptions, now: Date): Promise<Agenda | string> {
  const names = index.conferences().map(({ name }) => name);
  if (options.conference !== undefined) {
    const named = conferenceNamed(index, options.conference);
    return 'problem' in named ? named.problem : conferenceAgenda(index, named.name, options);
  }
  if (names.length === 0) return cliText(M.agendaNoSessions);
  if (names.length === 1) return conferenceAgenda(index, names[0], options);
  for (const name of names) {
    const agenda = await conferenceAgenda(index, name, options);
    if (dayAt(agenda, now.getTime())) return agenda;
  }
  return cliText(M.agendaChooseConference, names.join(', '));
}

/** The note's path below the folder (or beside the file) given on the command line, as a calendar shows it. */
function notePathOf(session: Session, options: CliOptions): string {
  const file = fileURLToPath(session.uri);
  for (const given of options.paths) {
    const resolved = path.resolve(given);
    const relative = path.relative(resolved === file ? path.dirname(resolved) : resolved, file);
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) return relative.split(path.sep).join('/');
  }
  return path.relative(process.cwd(), file).split(path.sep).join('/');
}

/**
 * Writes a new file and never replaces one: the text goes to a temporary file beside it, which is then linked under
 * the wanted name — an atomic step that fails when the name exists — so the file appears whole or not at all.
 */
async function writeNewFile(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  await fs.writeFile(temporary, text, { flag: 'wx' });
  try {
    await fs.link(temporary, file);
  } finally {
    await fs.unlink(temporary);
  }
}

/** `agenda`: the conference's sessions by day and time (overlapping picks named), or its picks as iCalendar. */
async function printAgenda(index: NoteIndex, options: CliOptions, io: { out(text: string): void; err(text: string): void }, now: Date): Promise<number> {
  const agenda = await chooseAgenda(index, options, now);
  if (typeof agenda === 'string') {
    io.err(`conference-notes: ${agenda}\n`);
    return 1;
  }
  const labels = agendaLabels();
  if (!options.ics) {
    const days = agendaTextDays(agenda, labels);
    io.out(`${agenda.conference} (${agenda.timeZone})\n`);
    for (const day of days) io.out(`\n${terminalText(day.heading)}\n${alignColumns(day.rows.map((row) => ['', ...row]))}\n`);
    return 0;
  }
  const exported = await agendaToICalendar(agenda, { now, notePath: (session) => notePathOf(session, options), labels });
  for (const session of exported.leftOut) io.err(`${cliText(M.agendaLeftOut, terminalText(session.title))}\n`);
  return writeOutput(exported.text, options.output, io);
}

/** The text on stdout, or in a new `--out` file: an existing file is never replaced. */
async function writeOutput(text: string, output: string | undefined, io: { out(text: string): void; err(text: string): void }): Promise<number> {
  if (output === undefined) {
    io.out(text);
    return 0;
  }
  try {
    await writeNewFile(output, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(`conference-notes: ${code === 'EEXIST' ? cliText(M.outExists, output) : cliText(M.cannotWrite, output, (error as Error).message)}\n`);
    return 1;
  }
  io.err(`${cliText(M.wrote, output)}\n`);
  return 0;
}

/** `compose`: the conference's report from the notes, in their language (else the locale's), on stdout or in a new file. */
async function printReport(index: NoteIndex, options: CliOptions, io: { out(text: string): void; err(text: string): void }): Promise<number> {
  const named = conferenceNamed(index, options.conference as string);
  if ('problem' in named) {
    io.err(`conference-notes: ${named.problem}\n`);
    return 1;
  }
  const report = await composeReport(index, named.name, readNoteText, { withoutNotes: options.withoutNotes, displayLanguage: cliLanguage() });
  return writeOutput(report.markdown, options.output, io);
}

/**
 * Runs one command; `fileSystem` is what an import writes with (Node's fs unless a test injects failures), `fetchFunction`
 * what it fetches a schedule URL with, `now` the clock `agenda` finds the conference in progress by.
 */
/** `explain FILE`: the note read with the rest of its workspace root, and its reading printed. */
async function explainNote(options: CliOptions, io: { out(text: string): void; err(text: string): void }): Promise<number> {
  const [given] = options.paths;
  if (options.paths.length !== 1 || !(await fs.stat(given).then((stat) => stat.isFile(), () => false))) {
    io.err(`conference-notes: ${cliText(M.explainUsage)}\n`);
    return 2;
  }
  const file = path.resolve(given);
  const root = await workspaceRootOf(file);
  const { index } = await readNoteIndex({ ...options, paths: [root] }, (message) => io.err(`${message}\n`));
  const lines = explainLines(index, file);
  if (!lines) {
    io.err(`conference-notes: ${cliText(M.explainNotANote, given)}\n`);
    return 1;
  }
  io.out(`${lines.join('\n')}\n`);
  return 0;
}

export async function runCli(
  argv: readonly string[],
  io: { out(text: string): void; err(text: string): void },
  fileSystem: ImportFileSystem = fs,
  fetchFunction: FetchFunction = fetch,
  now: () => Date = () => new Date(),
): Promise<number> {
  if (argv[0] === 'publish') {
    return runPublish(argv.slice(1), io, async (paths) => {
      // The notes are read exactly as `stats` reads the same paths.
      const reading = parseArguments(['stats', ...paths]);
      if (reading === 'help') return undefined;
      const { index, readable } = await readNoteIndex(reading, (message) => io.err(`${message}\n`));
      return readable ? index : undefined;
    });
  }
  let options: CliOptions | 'help';
  try {
    options = parseArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`conference-notes: ${error.message}\n${cliText(M.seeHelp)}\n`);
    return 2;
  }
  if (options === 'help') {
    io.out(cliText(M.usage));
    io.out(cliText(M.cacheOption));
    return 0;
  }
  if (options.command === 'import' || options.command === 'refresh') return importSchedule(options, io, fileSystem, fetchFunction);
  if (options.command === 'mcp') return serveMcp(options, io);
  if (options.command === 'explain') return explainNote(options, io);
  const { index, readable } = await readNoteIndex(options, (message) => io.err(`${message}\n`));
  if (!readable) return 1;

  if (options.command === 'agenda') return printAgenda(index, options, io, now());
  if (options.command === 'compose') return printReport(index, options, io);
  if (options.command === 'sessions') {
    const sessions = index.sessions();
    io.out(options.format === 'json' ? `${JSON.stringify({ sessions }, null, 2)}\n` : `${sessionsTable(sessions)}\n`);
    return 0;
  }
  const stats = computeTrackStats(index, { sort: options.sort, valueMode: options.percent ? 'percent' : 'count', statuses: options.statuses, scope: options.scope });
  if (options.command === 'chart') {
    const svg = renderTrackChart(stats, { palette: options.theme });
    if (options.output) {
      await fs.writeFile(options.output, svg);
      io.err(`${cliText(M.wrote, options.output)}\n`);
    } else {
      io.out(svg);
    }
    return 0;
  }
  const labels = statsLabels();
  const rendered = {
    table: () => {
      const table = statsToTable(stats, { labels });
      return alignColumns([table.header, ...table.rows]);
    },
    json: () => JSON.stringify(statsToJson(stats, { labels })),
    csv: () => statsToCsv(stats, { labels }),
    md: () => statsToMarkdownTable(stats, { labels }),
  }[options.format]();
  io.out(rendered.endsWith('\n') ? rendered : `${rendered}\n`);
  return 0;
}

if (require.main === module) {
  runCli(process.argv.slice(2), { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) }).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`conference-notes: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
