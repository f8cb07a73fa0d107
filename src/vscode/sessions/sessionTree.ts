// The Sessions view. Nodes are computed lazily from the NoteIndex (10,000 notes never build a whole tree), carry
// stable ids and a parent, so the view keeps its expansion state across refreshes and `reveal` works; an index
// change refreshes only the group nodes it touched.
import * as vscode from 'vscode';
import { SESSION_STATUSES, type PlaceKind, type Session, type SessionPlace, type SessionStatus } from '../../core/notes/model';
import { compareNames, sessionDay, type Facet, type GroupKey, type IndexChange, type NoteIndex } from '../../core/notes/noteIndex';
import { readFieldLines } from '../../core/notes/fields';
import { summarizeReading } from '../../core/notes/readingExplanation';
import { sessionMatchesFilter } from '../../core/notes/sessionFilter';
import { placeCommandUri } from '../../core/notes/sessionPlaces';
import { Disposable } from '../disposable';
import { localizeTemplate } from '../localize';
import type { NoteWorkspace } from '../noteWorkspace';
import { OPEN_SESSION_COMMAND, OPEN_SESSION_PLACE_COMMAND, sessionContextValue } from '../openSession';
import { registerReadingState } from './readingState';
import { registerSessionLinkDrop, SessionTreeDragAndDrop } from './sessionDragAndDrop';

export const SESSIONS_VIEW_ID = 'conferenceNotes.sessions';

/** How the view groups sessions; `conference` is conference → track → session, the others one level of groups. */
export const GROUPINGS = ['conference', 'day', 'speaker', 'tag', 'status', 'file'] as const;
export type Grouping = (typeof GROUPINGS)[number];

const FACET_OF: Readonly<Record<Exclude<Grouping, 'conference' | 'file'>, Facet>> = {
  day: 'days',
  speaker: 'speakers',
  tag: 'tags',
  status: 'statuses',
};

export type SessionTreeNode =
  | { readonly kind: 'conference'; readonly id: string; readonly conference: string }
  | { readonly kind: 'track'; readonly id: string; readonly conference: string; readonly track: GroupKey }
  | { readonly kind: 'group'; readonly id: string; readonly grouping: Grouping; readonly key: GroupKey }
  | { readonly kind: 'session'; readonly id: string; readonly session: Session; readonly parent: SessionTreeNode };

const STATUS_ICONS: Readonly<Record<SessionStatus, string>> = {
  planned: 'circle-large-outline',
  attended: 'pass-filled',
  watched: 'eye',
  'to-watch': 'clock',
  skipped: 'debug-step-over',
  cancelled: 'circle-slash',
};

function isStatus(key: GroupKey): key is SessionStatus {
  return (SESSION_STATUSES as readonly GroupKey[]).includes(key);
}

/** The status as users read it, in their language. */
export function statusLabel(status: SessionStatus): string {
  const labels: Record<SessionStatus, string> = {
    planned: vscode.l10n.t('Planned'),
    attended: vscode.l10n.t('Attended'),
    watched: vscode.l10n.t('Watched'),
    'to-watch': vscode.l10n.t('To watch'),
    skipped: vscode.l10n.t('Skipped'),
    cancelled: vscode.l10n.t('Cancelled'),
  };
  return labels[status];
}

/** What a place of a talk is, as users read it, in their language. */
export function placeKindLabel(kind: PlaceKind): string {
  const labels: Record<PlaceKind, string> = {
    programme: vscode.l10n.t('Programme'),
    report: vscode.l10n.t('Report'),
    'session-note': vscode.l10n.t('Session note'),
  };
  return labels[kind];
}

/** A note's path as the user knows it: relative to its workspace folder, named by the folder when there are several. */
export function workspacePath(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const where = vscode.workspace.asRelativePath(uri, false);
  return folder && (vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? `${folder.name}: ${where}` : where;
}

/** `notes/report.md, line 8`: where a place is, its line counted from one as editors count. */
export function placeLocation(place: SessionPlace): string {
  return vscode.l10n.t('{0}, line {1}', workspacePath(vscode.Uri.parse(place.uri)), place.line + 1);
}

/** Lines of the note shown in a session's tooltip, and the characters kept of each: a glance, not the note. */
const TOOLTIP_PREVIEW_LINES = 3;
const TOOLTIP_LINE_LENGTH = 120;

export class SessionTreeProvider extends Disposable implements vscode.TreeDataProvider<SessionTreeNode> {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<SessionTreeNode | undefined>());
  readonly onDidChangeTreeData = this.changeEmitter.event;
  /** VS Code identifies the nodes it shows by object identity: hand out one object per id. */
  private readonly nodes = new Map<string, SessionTreeNode>();
  private groupingMode: Grouping;
  private filterText = '';
  private matched = new WeakMap<Session, boolean>();
  /** Whether rows were handed out while the first scan was filling the index (see `opensExpanded`). */
  private shownWhileFilling = false;
  /** Set when such a scan ends with a single conference: its nodes get new ids, so that VS Code opens them. */
  private reshownWhole = false;

  constructor(private readonly notes: NoteWorkspace, grouping: Grouping) {
    super();
    this.groupingMode = grouping;
    this.register(notes.index.onDidChange((change) => this.refreshFor(change)));
    this.register(notes.onDidChangeScanning(() => {
      if (!this.shownWhileFilling || notes.filling) return;
      this.shownWhileFilling = false;
      // Other ids for every node would also close what the user opened meanwhile: only for the one case that needs them.
      if (this.groupingMode !== 'conference' || this.filterText || this.index.conferenceCount !== 1) return;
      this.reshownWhole = true;
      this.refreshAll();
    }));
  }

  get grouping(): Grouping {
    return this.groupingMode;
  }

  get filter(): string {
    return this.filterText;
  }

  setGrouping(grouping: Grouping): void {
    this.groupingMode = grouping;
    this.refreshAll();
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    this.matched = new WeakMap();
    this.refreshAll();
  }

  private get index(): NoteIndex {
    return this.notes.index;
  }

  private refreshAll(): void {
    this.nodes.clear();
    this.changeEmitter.fire(undefined);
  }

  /** Refreshes the group nodes whose members changed; the root only when groups appeared or vanished. */
  private refreshFor(change: IndexChange): void {
    if (change.groupsAddedOrRemoved || this.filterText || this.groupingMode === 'file') {
      this.changeEmitter.fire(undefined);
      return;
    }
    const touched: SessionTreeNode[] = [];
    if (this.groupingMode === 'conference') {
      for (const conference of change.conferences) touched.push(this.conferenceNode(conference));
    } else {
      const grouping = this.groupingMode;
      for (const key of change.facets[FACET_OF[grouping]]) touched.push(this.groupNode(grouping, key));
    }
    for (const node of touched) this.changeEmitter.fire(node);
  }

  private visible(sessions: readonly Session[]): Session[] {
    return this.filterText ? sessions.filter((session) => this.matches(session)) : [...sessions];
  }

  /** Each session is matched once per filter: a filtered tree asks about the same sessions at every level. */
  private matches(session: Session): boolean {
    let matched = this.matched.get(session);
    if (matched === undefined) this.matched.set(session, (matched = sessionMatchesFilter(session, this.filterText)));
    return matched;
  }

  private sessionsUnder(node: SessionTreeNode): Session[] {
    switch (node.kind) {
      case 'conference':
        return this.visible(this.index.sessionsOfConference(node.conference));
      case 'track':
        return this.visible(this.index.sessionsByTrack(node.conference, node.track));
      case 'group':
        if (node.grouping === 'file') return this.visible(node.key === undefined ? [] : this.index.sessionsOf(node.key));
        return this.visible(this.index.sessionsInGroup(FACET_OF[node.grouping as keyof typeof FACET_OF], node.key));
      case 'session':
        return [];
    }
  }

  /** What a group's row shows: the index's count unfiltered (each row asks; listing and sorting its sessions would not do). */
  private countUnder(node: Exclude<SessionTreeNode, { kind: 'session' }>): number {
    if (!this.filterText && node.kind === 'conference') return this.index.conferenceSessionCount(node.conference);
    if (!this.filterText && node.kind === 'track') return this.index.trackSessionCount(node.conference, node.track);
    return this.sessionsUnder(node).length;
  }

  async getChildren(node?: SessionTreeNode): Promise<SessionTreeNode[]> {
    // A warm start's saved notes are shown at once, a cold start's as they are read; what follows changes the tree in place.
    await this.notes.showable();
    this.shownWhileFilling ||= this.notes.filling;
    const children = this.childrenOf(node);
    // With a filter, groups without a matching session disappear.
    return this.filterText ? children.filter((child) => child.kind === 'session' || this.sessionsUnder(child).length > 0) : children;
  }

  private childrenOf(node: SessionTreeNode | undefined): SessionTreeNode[] {
    if (!node) {
      switch (this.groupingMode) {
        case 'conference':
          return this.index.conferences().map(({ name }) => this.conferenceNode(name));
        case 'file':
          return this.index.uris().filter((uri) => this.index.sessionsOf(uri).length > 0).sort().map((uri) => this.groupNode('file', uri));
        default: {
          const grouping = this.groupingMode;
          return this.index.groups(FACET_OF[grouping]).map(({ name }) => this.groupNode(grouping, name));
        }
      }
    }
    if (node.kind === 'conference') {
      return this.index.tracks(node.conference).map(({ name }) => this.trackNode(node.conference, name));
    }
    return this.sessionsUnder(node).map((session) => this.sessionNode(session, node));
  }

  getParent(node: SessionTreeNode): SessionTreeNode | undefined {
    if (node.kind === 'session') return node.parent;
    if (node.kind === 'track') return this.conferenceNode(node.conference);
    return undefined;
  }

  /** The node under which `reveal` shows a session: its track, or its first group in the other groupings. */
  nodeForSession(session: Session): SessionTreeNode {
    switch (this.groupingMode) {
      case 'conference':
        return this.sessionNode(session, this.trackNode(session.conference, this.index.canonicalTrack(session.track)));
      case 'file':
        return this.sessionNode(session, this.groupNode('file', session.uri));
      default: {
        // The first of its groups in the view's order (a session with two speakers is under both).
        const keys: readonly GroupKey[] =
          this.groupingMode === 'speaker' ? session.speakers : this.groupingMode === 'tag' ? session.tags : this.groupingMode === 'day' ? [sessionDay(session)] : [session.status];
        const [key] = [...keys].sort(compareNames);
        return this.sessionNode(session, this.groupNode(this.groupingMode, key));
      }
    }
  }

  getTreeItem(node: SessionTreeNode): vscode.TreeItem {
    if (node.kind === 'session') return this.sessionItem(node.id, node.session);
    const item = new vscode.TreeItem(this.groupLabel(node), this.opensExpanded(node) ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.id;
    item.description = String(this.countUnder(node));
    item.contextValue = node.kind;
    item.iconPath = new vscode.ThemeIcon(this.groupIcon(node));
    if (node.kind === 'group' && node.grouping === 'file' && node.key) item.resourceUri = vscode.Uri.parse(node.key);
    return item;
  }

  /**
   * Groups open to show what a filter matched, and a single conference opens with its tracks, as there is nothing
   * else to choose — once the first scan has read every note (while it fills the index, the one conference so far may
   * be the first of many). Only a node's first showing follows this (VS Code keeps what the user expanded or
   * collapsed), so nodes get other ids while a filter is on, and once a scan that filled the tree ends with one
   * conference.
   */
  private opensExpanded(node: Exclude<SessionTreeNode, { kind: 'session' }>): boolean {
    if (this.filterText) return true;
    // A count, not conferences(): that sorts every conference, and this runs for each row of the tree.
    return node.kind !== 'group' && !this.notes.filling && this.index.conferenceCount === 1;
  }

  /** What sets the ids of filtered nodes apart from the same nodes unfiltered, and the nodes shown again whole (see `opensExpanded`). */
  private get idPrefix(): string {
    if (this.filterText) return `filter:${this.filterText}\u0000`;
    return this.reshownWhole ? 'whole\u0000' : '';
  }

  private groupLabel(node: Exclude<SessionTreeNode, { kind: 'session' }>): string {
    if (node.kind === 'conference') return node.conference;
    if (node.kind === 'track') return node.track ?? vscode.l10n.t('(no track)');
    if (node.key !== undefined) {
      if (node.grouping === 'file') return vscode.workspace.asRelativePath(vscode.Uri.parse(node.key));
      return node.grouping === 'status' && isStatus(node.key) ? statusLabel(node.key) : node.key;
    }
    switch (node.grouping) {
      case 'day':
        return vscode.l10n.t('(no date)');
      case 'speaker':
        return vscode.l10n.t('(no speaker)');
      case 'tag':
        return vscode.l10n.t('(no tag)');
      default:
        return vscode.l10n.t('(no status)');
    }
  }

  private groupIcon(node: Exclude<SessionTreeNode, { kind: 'session' }>): string {
    if (node.kind === 'conference') return 'calendar';
    if (node.kind === 'track') return 'list-tree';
    const icons: Record<Grouping, string> = { conference: 'calendar', day: 'calendar', speaker: 'person', tag: 'tag', status: 'checklist', file: 'markdown' };
    return node.grouping === 'status' && isStatus(node.key) ? STATUS_ICONS[node.key] : icons[node.grouping];
  }

  private sessionItem(id: string, session: Session): vscode.TreeItem {
    const item = new vscode.TreeItem(session.title, vscode.TreeItemCollapsibleState.None);
    item.id = id;
    // Speakers say most about a session; in other groupings the track tells where it belongs.
    item.description = this.groupingMode === 'conference' ? session.speakers.join(', ') : [this.index.canonicalTrack(session.track), session.speakers.join(', ')].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(session.status ? STATUS_ICONS[session.status] : 'note');
    item.contextValue = sessionContextValue(session);
    item.accessibilityInformation = { label: sessionAccessibilityLabel(session) };
    item.command = { command: OPEN_SESSION_COMMAND, title: vscode.l10n.t('Open Session'), arguments: [session] };
    return item;
  }

  /** The tooltip reads the note's first lines, so it is built only when the user hovers. */
  async resolveTreeItem(item: vscode.TreeItem, node: SessionTreeNode): Promise<vscode.TreeItem> {
    if (node.kind === 'session') {
      const note = this.notes.index.note(node.session.uri);
      item.tooltip = await sessionTooltip(node.session, note && summarizeReading(note, localizeTemplate));
    }
    return item;
  }

  private remember<T extends SessionTreeNode>(node: T): T {
    const known = this.nodes.get(node.id);
    if (known) return known as T;
    this.nodes.set(node.id, node);
    return node;
  }

  private conferenceNode(conference: string): SessionTreeNode {
    return this.remember({ kind: 'conference', id: `${this.idPrefix}conference:${conference}`, conference });
  }

  private trackNode(conference: string, track: GroupKey): SessionTreeNode {
    return this.remember({ kind: 'track', id: `${this.idPrefix}track:${conference}\u0000${track ?? ''}`, conference, track });
  }

  private groupNode(grouping: Grouping, key: GroupKey): SessionTreeNode {
    return this.remember({ kind: 'group', id: `${this.idPrefix}${grouping}:${key ?? '\u0000none'}`, grouping, key });
  }

  private sessionNode(session: Session, parent: SessionTreeNode): SessionTreeNode {
    const node = this.remember({ kind: 'session', id: `${parent.id}\u0000${session.id}`, session, parent });
    // The same id may now stand for a re-parsed session object: keep the newest.
    return node.session === session ? node : this.replace({ ...node, session });
  }

  private replace(node: SessionTreeNode): SessionTreeNode {
    this.nodes.set(node.id, node);
    return node;
  }
}

/** What a screen reader says of a session: its title, speakers, track and status, in the user's language. */
export function sessionAccessibilityLabel(session: Session): string {
  return [
    session.title,
    session.speakers.join(', '),
    session.track && vscode.l10n.t('Track: {0}', session.track),
    session.status && vscode.l10n.t('Status: {0}', statusLabel(session.status)),
  ].filter(Boolean).join(', ');
}

/**
 * Fields, file and the first lines of the note — as text: nothing from a note becomes markup or a command link. The
 * tree's tooltip, and the hover over a link to the session. A talk written in several places lists each as a link
 * that opens it: our links, the one command they run trusted, no other.
 */
export async function sessionTooltip(session: Session, reading?: readonly string[]): Promise<vscode.MarkdownString> {
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.isTrusted = session.places ? { enabledCommands: [OPEN_SESSION_PLACE_COMMAND] } : false;
  tooltip.supportHtml = false;
  tooltip.appendMarkdown('**').appendText(session.title).appendMarkdown('**\n\n');
  const fields: [string, string | undefined][] = [
    [vscode.l10n.t('Conference'), session.conference],
    [vscode.l10n.t('Track'), session.track],
    [vscode.l10n.t('Speakers'), session.speakers.join(', ') || undefined],
    [vscode.l10n.t('Date'), [session.date ?? session.day, session.time].filter(Boolean).join(' ') || undefined],
    [vscode.l10n.t('Room'), session.room],
    [vscode.l10n.t('Tags'), session.tags.join(', ') || undefined],
    [vscode.l10n.t('Status'), session.status && statusLabel(session.status)],
  ];
  for (const [label, value] of fields) {
    if (value) tooltip.appendMarkdown('- ').appendText(`${label}: ${value}`).appendMarkdown('\n');
  }
  const uri = vscode.Uri.parse(session.uri);
  if (session.places) {
    tooltip.appendMarkdown('\n$(files) ').appendText(vscode.l10n.t('Written in:')).appendMarkdown('\n');
    for (const place of session.places) {
      tooltip.appendMarkdown('- [').appendText(`${placeKindLabel(place.kind)} · ${placeLocation(place)}`).appendMarkdown(`](${placeCommandUri(OPEN_SESSION_PLACE_COMMAND, place)})\n`);
    }
    tooltip.appendMarkdown('\n'); // What follows is no part of the list's last item.
  } else {
    tooltip.appendMarkdown('\n$(file) ').appendText(workspacePath(uri));
  }
  // How the note was read, for a user who wonders why the tree looks as it does (How This Note Was Read tells more).
  for (const line of reading ?? []) tooltip.appendMarkdown('  \n$(book) ').appendText(line);
  const preview = await readPreview(uri, session);
  if (preview) {
    tooltip.appendMarkdown('\n\n---\n\n');
    for (const line of preview) tooltip.appendText(line).appendMarkdown('  \n');
  }
  return tooltip;
}

async function readPreview(uri: vscode.Uri, session: Session): Promise<string[] | undefined> {
  try {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const lines = text.split(/\r?\n/).slice(session.line + 1, session.range.end + 1);
    // The fields are listed above the preview already.
    const body = lines.filter((line) => line.trim() !== '' && !isFieldLine(line)).slice(0, TOOLTIP_PREVIEW_LINES);
    return body.length > 0 ? body.map(clipPreviewLine) : undefined;
  } catch {
    return undefined; // Deleted since it was indexed: the tooltip simply has no preview.
  }
}

/** A line the parser reads as a session field: `- speakers: …`, `track:: …`. */
function isFieldLine(line: string): boolean {
  const item = /^\s*[-*+]\s+(.*)$/.exec(line);
  return readFieldLines(item ? item[1] : line.trim(), 0, item !== null).length > 0;
}

function clipPreviewLine(line: string): string {
  const trimmed = line.trim();
  return trimmed.length > TOOLTIP_LINE_LENGTH ? `${trimmed.slice(0, TOOLTIP_LINE_LENGTH - 1)}…` : trimmed;
}

const GROUPING_STATE_KEY = 'conferenceNotes.grouping';
/** Quiet time after the cursor stops before the tree follows it. */
const FOLLOW_CURSOR_DEBOUNCE_MS = 150;

function groupingLabel(grouping: Grouping): string {
  const labels: Record<Grouping, string> = {
    conference: vscode.l10n.t('Conference → Track'),
    day: vscode.l10n.t('Day'),
    speaker: vscode.l10n.t('Speaker'),
    tag: vscode.l10n.t('Tag'),
    status: vscode.l10n.t('Status'),
    file: vscode.l10n.t('File'),
  };
  return labels[grouping];
}

export interface SessionTreeApi {
  readonly provider: SessionTreeProvider;
  readonly view: vscode.TreeView<SessionTreeNode>;
  /** What VS Code calls when sessions are dragged from the view or something is dropped onto it. */
  readonly dragAndDrop: SessionTreeDragAndDrop;
}

/** The view, its title-bar actions (group by, filter), and following the editor's cursor. */
export function registerSessionTree(context: vscode.ExtensionContext, notes: NoteWorkspace): SessionTreeApi {
  const stored = context.workspaceState.get<Grouping>(GROUPING_STATE_KEY);
  const provider = new SessionTreeProvider(notes, stored && GROUPINGS.includes(stored) ? stored : 'conference');
  const dragAndDrop = new SessionTreeDragAndDrop();
  const view = vscode.window.createTreeView(SESSIONS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true, dragAndDropController: dragAndDrop });
  registerSessionLinkDrop(context, notes);

  const showState = (): void => {
    const filter = provider.filter;
    view.description = filter ? vscode.l10n.t('Filtered: "{0}"', filter) : provider.grouping === 'conference' ? undefined : groupingLabel(provider.grouping);
    void vscode.commands.executeCommand('setContext', 'conferenceNotes.filtered', filter !== '');
  };
  // The view's description is hidden while the view is alone in its container, so the filter is also stated in
  // the message above the tree, which is always visible.
  const showFilterMessage = async (): Promise<void> => {
    const filter = provider.filter;
    if (!filter) view.message = undefined;
    else if ((await provider.getChildren()).length === 0) view.message = vscode.l10n.t('No session matches "{0}".', filter);
    else view.message = vscode.l10n.t('Filtered: "{0}"', filter);
  };

  context.subscriptions.push(
    provider,
    view,
    // Menus may pass their own arguments (the view's title bar passes none, others an item): only a grouping
    // or a text given by a caller (tests, keybindings) skips the question.
    vscode.commands.registerCommand('conferenceNotes.groupBy', async (grouping?: unknown) => {
      const chosen =
        (GROUPINGS as readonly unknown[]).includes(grouping) ? (grouping as Grouping) :
        (
          await vscode.window.showQuickPick(
            GROUPINGS.map((value) => ({ label: groupingLabel(value), value, picked: value === provider.grouping, description: value === provider.grouping ? vscode.l10n.t('current') : undefined })),
            { title: vscode.l10n.t('Group Sessions By') },
          )
        )?.value;
      if (!chosen) return;
      provider.setGrouping(chosen);
      await context.workspaceState.update(GROUPING_STATE_KEY, chosen);
      showState();
    }),
    vscode.commands.registerCommand('conferenceNotes.filter', async (text?: unknown) => {
      const filter =
        typeof text === 'string' ? text :
        (await vscode.window.showInputBox({
          title: vscode.l10n.t('Filter Sessions'),
          prompt: vscode.l10n.t('Words to find in titles, speakers, tags, tracks, conferences or the notes'),
          value: provider.filter,
        }));
      if (filter === undefined) return;
      provider.setFilter(filter);
      showState();
      await showFilterMessage();
    }),
    vscode.commands.registerCommand('conferenceNotes.clearFilter', async () => {
      provider.setFilter('');
      showState();
      await showFilterMessage();
    }),
    new CursorFollower(provider, view, notes),
    registerReadingState(notes, view),
  );
  showState();
  return { provider, view, dragAndDrop };
}

/** Reveals (and selects, without taking focus) the session under the editor's cursor while the view is visible. */
class CursorFollower extends Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly provider: SessionTreeProvider,
    private readonly view: vscode.TreeView<SessionTreeNode>,
    private readonly notes: NoteWorkspace,
  ) {
    super();
    this.register(vscode.window.onDidChangeTextEditorSelection((event) => this.schedule(event.textEditor)));
    this.register(vscode.window.onDidChangeActiveTextEditor((editor) => this.schedule(editor)));
    this.register(view.onDidChangeVisibility(() => this.schedule(vscode.window.activeTextEditor)));
    this.register({ dispose: () => clearTimeout(this.timer) });
  }

  private schedule(editor: vscode.TextEditor | undefined): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.follow(editor).catch(() => undefined), FOLLOW_CURSOR_DEBOUNCE_MS);
  }

  private async follow(editor: vscode.TextEditor | undefined): Promise<void> {
    const { provider, view, notes } = this;
    if (!editor || !view.visible || !notes.settings.followCursor) return;
    await notes.ready();
    const line = editor.selection.active.line;
    const session = notes.index.sessionsOf(editor.document.uri.toString()).find((s) => s.range.start <= line && line <= s.range.end);
    if (!session) return;
    const node = provider.nodeForSession(session);
    if (view.selection[0]?.id === node.id) return;
    await view.reveal(node, { select: true, focus: false, expand: false });
  }
}
