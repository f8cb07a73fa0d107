// What the Node entry (src/node/extension.ts) and the web-worker entry (src/web/extension.ts) share: everything but the
// platform-specific pieces they pass in, so nothing reachable from here may need a Node built-in.
//
// Activation registers features and returns at once; nothing is read from the workspace until the Sessions view
// or a command asks for notes (NoteWorkspace.ready()).
import * as vscode from 'vscode';
import { registerAgenda, type AgendaApi } from './agenda/agenda';
import { IndexCache, type CacheFileSystem } from './indexCache';
import { NoteWorkspace, type LocalNoteParser, type NoteFileSystem } from './noteWorkspace';
import { registerOpenSession } from './openSession';
import { registerComposeReport } from './report/composeReport';
import { registerSessionActions } from './sessions/sessionActions';
import { registerSessionHover } from './sessions/sessionHover';
import { registerOpenSessionPlace } from './sessions/sessionPlaces';
import { registerNoteReading } from './sessions/noteReading';
import { registerSessionTree, type SessionTreeApi } from './sessions/sessionTree';
import { registerStatsPanel } from './stats/statsPanel';
import { registerStatsPreview, type StatsPreviewApi } from './preview/statsPreview';
import { registerSessionSymbols } from './symbols/sessionSymbols';
import { registerScheduleImport, type ScheduleImportApi } from './import/scheduleImport';
import { registerTemplateCommands } from './templates/templateCommands';

/** What `activate` returns: lets tests (and other extensions) reach the live model. */
export interface ConferenceNotesApi {
  /** Time spent inside activate(), in milliseconds. */
  readonly activationMs: number;
  readonly notes: NoteWorkspace;
  readonly sessionTree: SessionTreeApi;
  readonly scheduleImport: ScheduleImportApi;
  readonly agenda: AgendaApi;
  /** VS Code's Markdown preview calls this (`markdown.markdownItPlugins`): the `conference-stats` block. */
  readonly extendMarkdownIt: StatsPreviewApi['extendMarkdownIt'];
}

/** What differs between the Node and the web-worker extension hosts. */
export interface Platform {
  /** How note files are read: the Node host reads local files directly, the web worker through workspace.fs. */
  readonly files: NoteFileSystem;
  /** Worker threads that read and parse local notes during the first scan (Node only). */
  readonly parseLocalNotes?: LocalNoteParser;
  /** How the saved index is read and written; workspace.fs unless the host has a quicker way (Node, local storage). */
  readonly cacheFiles?: CacheFileSystem;
}

export function activateShared(context: vscode.ExtensionContext, platform: Platform): ConferenceNotesApi {
  const started = performance.now();
  const output = vscode.window.createOutputChannel(vscode.l10n.t('Conference Notes'), { log: true });
  // The saved index lives in the workspace's storage; a window without a workspace has none, and reads in full.
  const cache = context.storageUri && new IndexCache(context.storageUri, (message) => output.info(vscode.l10n.t(message.message, ...message.args)), platform.cacheFiles);
  const notes = new NoteWorkspace(output, platform.files, platform.parseLocalNotes, cache);
  context.subscriptions.push(output, notes);

  const sessionTree = registerSessionTree(context, notes);
  const agenda = registerAgenda(context, notes, sessionTree.view);
  registerOpenSession(context);
  registerSessionActions(context, notes);
  registerOpenSessionPlace(context, notes);
  registerSessionHover(context, notes);
  registerNoteReading(context, notes);
  registerSessionSymbols(context, notes);
  const drawPng = registerStatsPanel(context, notes, output);
  // Insert Session selects the session it added, in the view while it is shown (revealing it would open the view).
  registerTemplateCommands(context, notes, async (session) => {
    if (sessionTree.view.visible) await sessionTree.view.reveal(sessionTree.provider.nodeForSession(session), { select: true, focus: false, expand: false });
  });
  const scheduleImport = registerScheduleImport(context, notes, output);
  const { extendMarkdownIt } = registerStatsPreview(context, notes, drawPng);
  registerComposeReport(context, notes);
  context.subscriptions.push(
    vscode.commands.registerCommand('conferenceNotes.refresh', () => notes.rescan()),
    // The README that ships with the extension explains the note layouts; open it in the markdown preview.
    vscode.commands.registerCommand('conferenceNotes.showNoteFormats', () =>
      vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(context.extensionUri, 'README.md').with({ fragment: 'how-notes-are-read' })),
    ),
  );

  const activationMs = performance.now() - started;
  output.info(vscode.l10n.t('Activated in {0} ms.', activationMs.toFixed(1)));
  return { activationMs, notes, sessionTree, scheduleImport, agenda, extendMarkdownIt };
}
