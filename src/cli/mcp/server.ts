// `conference-notes mcp FOLDER`: the notes of one folder as tools and resources for assistants, over the Model Context
// Protocol (the official SDK), on the same core and reading settings as the other commands. Every request reads the
// folder again, so an answer is never older than the question. Only notes the folder's reading finds are served:
// a session is named by an id from this server's own listing, a resource by a URI from its own list, and a file is
// read only when it is still a regular file inside the folder. `set_status` exists only with `--allow-edits`.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ErrorCode, McpError, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { SESSION_STATUSES, type Session } from '../../core/notes/model';
import { applyTextEdit, planStatusEdit } from '../../core/notes/noteEdits';
import type { NoteIndex } from '../../core/notes/noteIndex';
import { foldForSearch, sessionMatchesFilter } from '../../core/notes/sessionFilter';
import { renderTrackChart } from '../../core/stats/chart';
import { computeTrackStats, statsToJson } from '../../core/stats/stats';
import { CLI_MESSAGES as M, cliText, statsLabels } from '../text';

/** Where the reports are, as resources: `conference-notes://report/<path in the folder>`. */
const REPORT_URI = 'conference-notes://report/';
/** Sessions listed at most per call, unless the caller asks for fewer. */
const DEFAULT_LIST_LIMIT = 200;
const MAX_LIST_LIMIT = 2_000;
/** Characters of a session's note text (or a report) returned at most: enough for any real session, bounded for a model's context. */
export const MAX_NOTE_TEXT = 20_000;

export interface NotesServerOptions {
  /** The folder whose notes are served (absolute). */
  readonly folder: string;
  /** Reads the folder's notes, with the settings the other commands use. */
  readonly readIndex: () => Promise<NoteIndex>;
  /** Registers `set_status`. */
  readonly allowEdits: boolean;
  readonly version: string;
}

class ToolError extends Error {}

/** A tool's answer: JSON for the model to read. */
function json(value: unknown): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }] };
}

/** Runs a tool; a refusal becomes an MCP tool error the client shows, never a crash of the server. */
async function answer(run: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ToolError)) throw error;
    return { content: [{ type: 'text', text: error.message }], isError: true };
  }
}

function capped(text: string): { text: string; truncated: boolean } {
  return text.length <= MAX_NOTE_TEXT ? { text, truncated: false } : { text: text.slice(0, MAX_NOTE_TEXT), truncated: true };
}

/** The folder's notes as this server names them: paths relative to the folder, `/`-separated. */
class FolderNotes {
  private constructor(
    private readonly folder: string,
    private readonly realFolder: string,
    readonly index: NoteIndex,
  ) {}

  static async read(folder: string, readIndex: () => Promise<NoteIndex>): Promise<FolderNotes> {
    return new FolderNotes(folder, await fs.realpath(folder), await readIndex());
  }

  /** The note's path relative to the folder; undefined for anything that is not a file inside it. */
  relativePath(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const relative = path.relative(this.folder, fileURLToPath(uri));
    return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative.split(path.sep).join('/');
  }

  /** `relative/path.md#heading`: the core's id with the file's URI replaced by its path in the folder. */
  sessionId(session: Session): string {
    return `${this.relativePath(session.uri)}${session.id.slice(session.uri.length)}`;
  }

  session(id: string): Session | undefined {
    return this.index.sessions().find((session) => this.relativePath(session.uri) !== undefined && this.sessionId(session) === id);
  }

  /**
   * The note's text, read only while it is a regular file whose real path is inside the folder: a note replaced by a
   * link to somewhere else since it was read is not followed.
   */
  async text(uri: string): Promise<string> {
    const relative = this.relativePath(uri);
    if (relative === undefined) throw new ToolError(cliText(M.mcpOutsideFolder));
    const file = fileURLToPath(uri);
    const real = await fs.realpath(file).catch(() => undefined);
    const inside = real !== undefined && !path.relative(this.realFolder, real).startsWith('..') && (await fs.lstat(file)).isFile();
    if (!inside) throw new ToolError(cliText(M.mcpOutsideFolder));
    return fs.readFile(file, 'utf8');
  }

  /** What a listing shows of a session: its fields, where it is, and the id to ask for it by. */
  describe(session: Session): Record<string, unknown> {
    const { title, conference, track, speakers, date, day, time, room, tags, status, links } = session;
    return { id: this.sessionId(session), title, conference, track, speakers, date, day, time, room, tags, status, links, file: this.relativePath(session.uri), line: session.line + 1 };
  }
}

/** Writes the note in one step: the new text goes to a file next to it, which then replaces the note. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  await fs.writeFile(temporary, text, { flag: 'wx', mode: (await fs.stat(file)).mode });
  try {
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.unlink(temporary).catch(() => undefined);
    throw error;
  }
}

const includes = (value: string | undefined, wanted: string | undefined): boolean => wanted === undefined || foldForSearch(value ?? '').includes(foldForSearch(wanted));

const statsArguments = {
  sort: z.enum(['count', 'name']).optional().describe('count (default): most sessions first; name: alphabetical'),
  percent: z.boolean().optional().describe('show each track as a share of its conference'),
  conferences: z.array(z.string()).optional().describe('only these conferences (exact names, as list_sessions gives them)'),
};

export function createNotesServer(options: NotesServerOptions): McpServer {
  const server = new McpServer({ name: 'conference-notes', version: options.version });
  const notes = () => FolderNotes.read(options.folder, options.readIndex);

  server.registerTool(
    'list_sessions',
    {
      title: cliText(M.mcpListSessionsTitle),
      description: cliText(M.mcpListSessionsDescription),
      inputSchema: {
        conference: z.string().optional().describe('part of the conference name'),
        track: z.string().optional().describe('part of the track name'),
        speaker: z.string().optional().describe('part of a speaker name'),
        status: z.enum(SESSION_STATUSES).optional(),
        text: z.string().optional().describe('words that must all occur in the title, speakers, tags, track or conference'),
        limit: z.number().int().min(1).max(MAX_LIST_LIMIT).optional().describe(`at most this many sessions (default ${DEFAULT_LIST_LIMIT})`),
      },
      annotations: { readOnlyHint: true },
    },
    (args) =>
      answer(async () => {
        const folder = await notes();
        const found = folder.index.sessions().filter(
          (session) =>
            includes(session.conference, args.conference) &&
            includes(session.track, args.track) &&
            (args.speaker === undefined || session.speakers.some((speaker) => includes(speaker, args.speaker))) &&
            (args.status === undefined || session.status === args.status) &&
            (args.text === undefined || sessionMatchesFilter(session, args.text)),
        );
        const limit = args.limit ?? DEFAULT_LIST_LIMIT;
        return json({ total: found.length, sessions: found.slice(0, limit).map((session) => folder.describe(session)) });
      }),
  );

  server.registerTool(
    'get_session',
    {
      title: cliText(M.mcpGetSessionTitle),
      description: cliText(M.mcpGetSessionDescription, MAX_NOTE_TEXT),
      inputSchema: { id: z.string().min(1).describe('an id from list_sessions, e.g. "kubecon/report.md#ebpf-in-production"') },
      annotations: { readOnlyHint: true },
    },
    ({ id }) =>
      answer(async () => {
        const folder = await notes();
        const session = folder.session(id);
        if (!session) throw new ToolError(cliText(M.mcpNoSession, id));
        const lines = (await folder.text(session.uri)).split(/\r?\n/).slice(session.range.start, session.range.end + 1);
        return json({ ...folder.describe(session), ...capped(lines.join('\n')) });
      }),
  );

  server.registerTool(
    'track_stats',
    {
      title: cliText(M.mcpTrackStatsTitle),
      description: cliText(M.mcpTrackStatsDescription),
      inputSchema: statsArguments,
      annotations: { readOnlyHint: true },
    },
    (args) =>
      answer(async () => {
        const stats = computeTrackStats((await notes()).index, { sort: args.sort, valueMode: args.percent ? 'percent' : 'count', conferences: args.conferences });
        return json(statsToJson(stats, { labels: statsLabels() }));
      }),
  );

  server.registerTool(
    'chart_svg',
    {
      title: cliText(M.mcpChartTitle),
      description: cliText(M.mcpChartDescription),
      inputSchema: { ...statsArguments, theme: z.enum(['light', 'dark']).optional() },
      annotations: { readOnlyHint: true },
    },
    (args) =>
      answer(async () => {
        const stats = computeTrackStats((await notes()).index, { sort: args.sort, valueMode: args.percent ? 'percent' : 'count', conferences: args.conferences });
        return { content: [{ type: 'text', text: renderTrackChart(stats, { palette: args.theme ?? 'light' }) }] };
      }),
  );

  if (options.allowEdits) {
    server.registerTool(
      'set_status',
      {
        title: cliText(M.mcpSetStatusTitle),
        description: cliText(M.mcpSetStatusDescription),
        inputSchema: { id: z.string().min(1).describe('an id from list_sessions'), status: z.enum(SESSION_STATUSES) },
        annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true },
      },
      ({ id, status }) =>
        answer(async () => {
          const folder = await notes();
          const session = folder.session(id);
          if (!session) throw new ToolError(cliText(M.mcpNoSession, id));
          const text = await folder.text(session.uri);
          await writeAtomically(fileURLToPath(session.uri), applyTextEdit(text, planStatusEdit(text, session, status)));
          return json({ ...folder.describe(session), status });
        }),
    );
  }

  // Each report (a note holding a conference's sessions under tracks) as a resource, named by its conference.
  const reportUri = (file: string) => `${REPORT_URI}${file.split('/').map(encodeURIComponent).join('/')}`;
  const reports = async () => {
    const folder = await notes();
    return folder.index.uris().flatMap((uri) => {
      const note = folder.index.note(uri);
      const file = folder.relativePath(uri);
      return note?.layout === 'report' && note.sessions.length > 0 && file !== undefined ? [{ folder, uri, file, conference: note.conference }] : [];
    });
  };
  server.registerResource(
    'report',
    new ResourceTemplate(`${REPORT_URI}{+file}`, {
      list: async () => ({
        resources: (await reports()).map((report) => ({ uri: reportUri(report.file), name: report.file, title: cliText(M.mcpReportTitle, report.conference), mimeType: 'text/markdown' })),
      }),
    }),
    { title: cliText(M.mcpReportsTitle), description: cliText(M.mcpReportsDescription, MAX_NOTE_TEXT), mimeType: 'text/markdown' },
    async (uri) => {
      // Only a report of the list is read: a URI is looked up, never turned into a path.
      const report = (await reports()).find((candidate) => reportUri(candidate.file) === uri.href);
      if (!report) throw new McpError(ErrorCode.InvalidParams, cliText(M.mcpNoReport, uri.href));
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: capped(await report.folder.text(report.uri)).text }] };
    },
  );
  return server;
}

/** Serves the folder over stdio (stdout carries the protocol, so problems go to stderr) until the client closes stdin. */
export async function serveNotesOverStdio(options: NotesServerOptions, input: Readable = process.stdin, output: Writable = process.stdout): Promise<void> {
  const server = createNotesServer(options);
  const closed = new Promise<void>((resolve) => {
    server.server.onclose = resolve;
  });
  input.once('end', () => void server.close());
  await server.connect(new StdioServerTransport(input, output));
  await closed;
}
