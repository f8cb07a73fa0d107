// The agendas the Agenda view, the Now / Next item and the Sessions badge show, from the live index: which
// conference is on (its sessions have the date that clocks in its zone show now), which one the user chose, and each
// conference's time zone, read from its notes' front matter once and again only when a note changes. The clock is
// given at construction, so the extension passes the real one and the tests a fixed instant.
import * as vscode from 'vscode';
import { buildAgenda, dayAt, type Agenda } from '../../core/agenda/agenda';
import { isoDateOf } from '../../core/agenda/sessionTimes';
import { noteTimeZone } from '../../core/agenda/timeZone';
import { systemTimeZone } from '../../core/import/zonedTime';
import type { Session } from '../../core/notes/model';
import { Disposable } from '../disposable';
import type { NoteWorkspace } from '../noteWorkspace';

const CHOSEN_CONFERENCE_KEY = 'conferenceNotes.agendaConference';
const DAY_MS = 24 * 60 * 60_000;

export class AgendaModel extends Disposable {
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  /** Fires when the notes changed or another conference was chosen (not when the clock moves on). */
  readonly onDidChange = this.changeEmitter.event;
  /** Per note URI, the zone its front matter names (undefined: none). */
  private readonly zones = new Map<string, string | undefined>();
  private chosenConference: string | undefined;

  /**
   * @param now The clock every "today", "now" and "next" is read from.
   * @param memento Where the chosen conference is remembered (the workspace state); without one, for this session.
   */
  constructor(private readonly notes: NoteWorkspace, readonly now: () => Date, private readonly memento?: vscode.Memento) {
    super();
    this.chosenConference = memento?.get<string>(CHOSEN_CONFERENCE_KEY);
    this.register(
      notes.index.onDidChange((change) => {
        for (const uri of change.uris) this.zones.delete(uri);
        this.changeEmitter.fire();
      }),
    );
    // The first scan fills the index before it counts as done: the status bar and the badge, which wait for it, are
    // told when it ends too, not only at the next tick of their clock. (Not when it starts: the scan is being set up
    // then, and a listener that asks for the notes would start another.)
    this.register(
      notes.onDidChangeScanning(() => {
        if (notes.hasScanned && !notes.scanning) this.changeEmitter.fire();
      }),
    );
  }

  /**
   * Whether the workspace's notes have been read. The status-bar item and the badge wait for it rather than start the
   * reading themselves: nothing is read before a view or a command asks.
   */
  get notesRead(): boolean {
    return this.notes.hasScanned;
  }

  /** The conference the user chose to follow; undefined: the one in progress. */
  get chosen(): string | undefined {
    return this.chosenConference;
  }

  async choose(conference: string | undefined): Promise<void> {
    this.chosenConference = conference;
    await this.memento?.update(CHOSEN_CONFERENCE_KEY, conference);
    this.changeEmitter.fire();
  }

  /** Every conference with sessions, by name. */
  async conferences(): Promise<string[]> {
    await this.notes.ready();
    return this.notes.index.conferences().map(({ name }) => name);
  }

  async agendaOf(conference: string): Promise<Agenda> {
    await this.notes.ready();
    const sessions = this.notes.index.sessionsOfConference(conference);
    return buildAgenda(conference, sessions, await this.timeZoneOf(sessions));
  }

  /** The conferences on at this instant, by name. */
  async conferencesOn(): Promise<Agenda[]> {
    await this.notes.ready();
    const at = this.now().getTime();
    // Only conferences with a session within a day of today (UTC) can be on today in any zone: the others need not
    // have their time zone read.
    const near = new Set<string>();
    for (const session of this.notes.index.sessions()) {
      const date = isoDateOf(session.date);
      if (date !== undefined && Math.abs(Date.parse(`${date}T12:00:00Z`) - at) <= 1.5 * DAY_MS) near.add(session.conference);
    }
    const agendas = await Promise.all([...near].sort().map((conference) => this.agendaOf(conference)));
    return agendas.filter((agenda) => dayAt(agenda, at) !== undefined);
  }

  /** What Now / Next and the badge follow: the chosen conference while it is on, else the first one on. */
  async inProgress(): Promise<Agenda | undefined> {
    const on = await this.conferencesOn();
    return on.find((agenda) => agenda.conference === this.chosenConference) ?? on[0];
  }

  /** What the Agenda view shows: the chosen conference (while it has sessions), else the one in progress. */
  async current(): Promise<Agenda | undefined> {
    const chosen = this.chosenConference;
    if (chosen !== undefined && (await this.conferences()).includes(chosen)) return this.agendaOf(chosen);
    return this.inProgress();
  }

  /** The zone of the first of the sessions' notes that names one, else the machine's. */
  private async timeZoneOf(sessions: readonly Session[]): Promise<string> {
    for (const uri of new Set(sessions.map((session) => session.uri))) {
      if (!this.zones.has(uri)) this.zones.set(uri, noteTimeZone((await this.notes.noteText(vscode.Uri.parse(uri))) ?? ''));
      const zone = this.zones.get(uri);
      if (zone !== undefined) return zone;
    }
    return systemTimeZone();
  }

}
