// The note model shared by every layer: the extension (Node and web), the CLI, the benchmark.
// Plain data only, so it crosses the webview boundary and serialises to JSON unchanged.
import type { CoreMessage } from '../messages';

/** What the user did (or plans to do) with a session. `cancelled` is set by schedule re-import. */
export const SESSION_STATUSES = ['planned', 'attended', 'watched', 'to-watch', 'skipped', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** How a file holds its sessions: many sessions under track headings, or one session per file. */
export type NoteLayout = 'report' | 'session-file';

export interface SessionLink {
  readonly label: string;
  readonly url: string;
}

/** Zero-based, end-inclusive line range in the source document. */
export interface LineRange {
  readonly start: number;
  readonly end: number;
}

export interface Session {
  /** Stable across re-parses while the heading keeps its title: `${uri}#${slug}` (+ `~n` for repeats). */
  readonly id: string;
  readonly title: string;
  readonly conference: string;
  /** Undefined when neither a field, a heading nor a title prefix names one. */
  readonly track?: string;
  readonly speakers: readonly string[];
  /** As written (ISO `YYYY-MM-DD` when it could be read as a date). */
  readonly date?: string;
  /** A day label such as `Day 1`, from a field or a file-name prefix. */
  readonly day?: string;
  readonly time?: string;
  readonly room?: string;
  readonly tags: readonly string[];
  readonly status?: SessionStatus;
  readonly links: readonly SessionLink[];
  /** Schedule UID (sched `UID`, pretalx `guid`, Sessionize id) written by schedule import. */
  readonly uid?: string;
  /** `same-as:` as the user wrote it: the UID or title of the talk this one is, or `none` to keep it a session of its own. */
  readonly sameAs?: string;
  /**
   * Every place the talk is written, when it is written in more than one (the programme, a report, a session note):
   * the index shows such a talk as one session, with the fields and the id of its preferred place (see
   * sessionIdentity.ts). Absent for a session written once.
   */
  readonly places?: readonly SessionPlace[];
  /** The document the session lives in, as a URI string. */
  readonly uri: string;
  readonly layout: NoteLayout;
  /** Line of the session's heading (report layout) or of the title (session files). */
  readonly line: number;
  /** Every line that belongs to the session, heading included. */
  readonly range: LineRange;
  /**
   * The first characters of the session's own text (its lines but the heading, blank lines left out), folded for
   * search: what the Sessions view's filter reads besides the fields. Absent when the session has no text of its own.
   */
  readonly searchText?: string;
}

/** What a place holds: the imported schedule, or one of the user's own notes. */
export type PlaceKind = 'programme' | 'report' | 'session-note';

/** One place a talk is written. */
export interface SessionPlace {
  readonly uri: string;
  readonly line: number;
  readonly kind: PlaceKind;
}

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/** A problem found while reading one note: shown in the output channel and, with a line, in Problems. */
export interface NoteDiagnostic extends CoreMessage {
  readonly severity: DiagnosticSeverity;
  /** Zero-based line, when one line is at fault. */
  readonly line?: number;
}

/** Everything the parser needs to know about a file besides its text. */
export interface NoteContext {
  /** URI string identifying the document (used in session ids). */
  readonly uri: string;
  /** Path segments of the file relative to its workspace root, file name last (e.g. `['kubecon', 'day1.md']`). */
  readonly pathSegments: readonly string[];
  readonly options: ParseOptions;
}

export interface ParseOptions {
  /** Heading level of tracks in the report layout (default 2). */
  readonly trackHeadingLevel: number;
  /** Heading level of sessions in the report layout (default 3). */
  readonly sessionHeadingLevel: number;
  /** Title prefixes that name a track when nothing else does (`Keynote: …` → track `Keynote`). */
  readonly titlePrefixTracks: readonly string[];
  /**
   * Front matter given by path, for notes that have none: every file matching an entry's `files` globs reads as
   * if its front matter held the entry's keys (`type: session`, `track`, `conference`, `session-level`…). The
   * file's own front matter wins; of two matching entries, the later one wins.
   */
  readonly fileDefaults?: readonly FileDefaults[];
  /**
   * How many folder levels below the workspace root name a file's conference (2 for `2016/djangocon-us/talk.md`).
   * Unset: the file's own folder. When set, the folder names the conference ahead of a report's H1, and files
   * directly at the root are conferences of their own.
   */
  readonly conferenceFolderDepth?: number;
  /** Turn folder and file names into conference names: `2016/djangocon-us` → `djangocon us 2016`, `2024_03_csun` → `csun 2024`. */
  readonly readableFolderNames?: boolean;
  /** What the first folder below the conference folders means (with `conferenceFolderDepth`): a day or a track. */
  readonly subfolderMeaning?: 'day' | 'track';
  /** Headings that are never tracks or sessions, as case-insensitive patterns where `*` is any text (`Informal*`). */
  readonly nonSessionHeadings?: readonly string[];
  /** Canonical track name → other names of the same track (`Keynote: [Keynotes, Keynote Sessions]`); case and width never matter. */
  readonly trackAliases?: Readonly<Record<string, readonly string[]>>;
  /**
   * Whether the user set `trackHeadingLevel` or `sessionHeadingLevel`; levels other than the defaults count as set
   * too. When they are not set, each report's levels are inferred from its structure.
   */
  readonly headingLevelsSet?: boolean;
}

/** One `fileDefaults` entry. */
export interface FileDefaults {
  /** Globs relative to the workspace root (`2016/djangocon-us/*.md`, `oscon/{a,b}.md`). */
  readonly files: string | readonly string[];
  /** Keys and values as they would be written in front matter. */
  readonly frontMatter: Readonly<Record<string, unknown>>;
}

export const DEFAULT_PARSE_OPTIONS: ParseOptions = {
  trackHeadingLevel: 2,
  sessionHeadingLevel: 3,
  titlePrefixTracks: ['Keynote', 'Lightning Talk', 'Workshop', 'Tutorial', 'Panel'],
};

/** What a note's front matter says about its conference as a whole (`dates`, `short-name`). */
export interface ConferenceInfo {
  /** As written, e.g. `2025-04-01 – 2025-04-04`; the first ISO date orders the conference in time. */
  readonly dates?: string;
  /** The label a chart's legend shows for the conference. */
  readonly shortName?: string;
  /** The series the conference belongs to (`series:`), when its name alone does not tell (see stats/series.ts). */
  readonly series?: string;
}

export interface ParsedNote {
  readonly uri: string;
  readonly layout: NoteLayout;
  /** The conference the file belongs to (even when it holds no session yet). */
  readonly conference: string;
  readonly sessions: readonly Session[];
  readonly diagnostics: readonly NoteDiagnostic[];
  /**
   * Report layout: the heading levels in force for this file (its front matter, else `fileDefaults`, else the
   * settings). `trackHeadingLevel` is 0 when the file has no track headings (`track-level: none`, or a track
   * level at or below the session level).
   */
  readonly headingLevels?: Pick<ParseOptions, 'trackHeadingLevel' | 'sessionHeadingLevel'>;
  /** The file was written by schedule import: its front matter names the schedule (`schedule:`) it came from. */
  readonly programme?: true;
  /** From the file's own front matter: when the conference took place and its short name. */
  readonly conferenceInfo?: ConferenceInfo;
  /** How the file was read: what decided its layout, its levels and its conference, and what was left out. */
  readonly reading?: NoteReading;
  /**
   * What the file's folder may change in an inferred reading (see folderReadings.ts); absent when front matter or
   * settings decided the layout.
   */
  readonly folderHints?: FolderHints;
}

/** What decided a part of a reading, strongest first. */
export type ReadingSource = 'front-matter' | 'settings' | 'structure' | 'folder';

/** Where a file's conference name came from. */
export type ConferenceSource = 'front-matter' | 'settings' | 'heading' | 'file-name' | 'folder' | 'landing-page' | 'none';

/** How the sessions of a report are written. */
export type SessionItemKind = 'heading' | 'bold-line' | 'lettered-item' | 'list-item';

/** Why a heading at or above the session level holds no session of its own. */
export type LeftOutReason = 'document-title' | 'day' | 'slot-group' | 'non-session' | 'no-content' | 'placeholder' | 'not-a-talk';

export interface LeftOutHeading {
  readonly line: number;
  readonly text: string;
  readonly reason: LeftOutReason;
}

/** The reading of one file, for the tooltip, "How This Note Was Read" and "Pin This Reading". */
export interface NoteReading {
  /** `none`: the file holds no session (a landing page, a licence, a pointer to notes kept elsewhere). */
  readonly layout: NoteLayout | 'none';
  readonly layoutSource: ReadingSource;
  /** Report layout: the heading level of the sessions (the level below the title for bold-line or lettered items). */
  readonly sessionLevel?: number;
  /** Report layout: the heading level of the tracks, 0 for none. */
  readonly trackLevel?: number;
  readonly levelSource?: ReadingSource;
  readonly itemKind?: SessionItemKind;
  readonly conferenceSource: ConferenceSource;
  /** Headings at or above the session level that hold no session, with the reason. */
  readonly leftOut: readonly LeftOutHeading[];
}

/** What the folder pass needs to know about one inferred file, kept instead of its text. */
export interface FolderHints {
  /** What the file alone looks like: one session, a report, or no session at all. */
  readonly vote: 'one-session' | 'report' | 'none';
  /** A strong vote stands whatever the siblings look like; a weak one follows a folder of one-session files. */
  readonly strong: boolean;
  /** The file read as one session, kept for weak votes. */
  readonly asOneSession?: ParsedNote;
  /** The conference as the file itself names it (a heading, its file name); undefined when only its folder does. */
  readonly ownConference?: string;
  /** Whether the folder may rename the conference (front matter and settings did not name it). */
  readonly conferenceOpen: boolean;
  /** For a landing page (README, index, a page of links to notes): the event its title names, the tracks its lists give. */
  readonly landing?: LandingPage;
  /** The file name without extension, which a landing page's links name. */
  readonly fileName: string;
}

export interface LandingPage {
  readonly conference?: string;
  /** Linked note name (file name without extension) → the section heading it is listed under. */
  readonly tracks: Readonly<Record<string, string>>;
}
