// The extension's settings, read through one object: each workspace folder's reading settings (resource-scoped, so
// every folder of a multi-root workspace can read its notes differently) as the core's typed FolderSettings, and the
// window-scoped ones. Values are cached — a scan asks for them once per file — and invalidated here only, when the
// configuration or the workspace folders change.
import * as vscode from 'vscode';
import { folderSettingsFrom, type FolderSettings, type SettingsMessage } from '../core/notes/noteSettings';

export class ExtensionSettings implements vscode.Disposable {
  private readonly folders = new Map<string, FolderSettings>();
  /** Every `section.key` the folder settings were read from, so a change of any other setting re-reads nothing. */
  private readonly readingKeys = new Set<string>();
  private followCursorValue: boolean | undefined;
  private readonly readingChanged = new vscode.EventEmitter<void>();
  /** A reading setting changed (the cache is already cleared): the notes should be read again. */
  readonly onDidChangeReading = this.readingChanged.event;
  /** `report` hears of each setting that was refused, when a folder's settings are read (not on every lookup). */
  constructor(private readonly report: (problem: SettingsMessage) => void) {}

  private readonly disposables: vscode.Disposable[] = [
    this.readingChanged,
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('conferenceNotes.followCursor')) this.followCursorValue = undefined;
      if (![...this.readingKeys].some((key) => event.affectsConfiguration(key))) return;
      this.folders.clear();
      this.readingChanged.fire();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => this.folders.clear()),
  ];

  /** The reading settings of the workspace folder holding `uri` (a note or the folder itself). */
  folder(uri: vscode.Uri): FolderSettings {
    const scope = vscode.workspace.getWorkspaceFolder(uri)?.uri ?? uri;
    const key = scope.toString();
    let settings = this.folders.get(key);
    if (!settings) {
      settings = folderSettingsFrom((section, setting) => {
        this.readingKeys.add(`${section}.${setting}`);
        const configuration = vscode.workspace.getConfiguration(section, scope);
        // Our own settings as the user set them, as the CLI reads a settings.json: a manifest default (the heading
        // levels' 2 and 3) read as if set would turn off the inference that runs while they are not set. The core
        // applies the same defaults. VS Code's own exclude settings keep their defaults, which VS Code applies too.
        if (section !== 'conferenceNotes') return configuration.get(setting);
        const set = configuration.inspect(setting);
        return set?.workspaceFolderValue ?? set?.workspaceValue ?? set?.globalValue;
      });
      this.folders.set(key, settings);
      settings.problems.forEach(this.report);
    }
    return settings;
  }

  /** `conferenceNotes.followCursor`: window-scoped, so read without a resource. */
  get followCursor(): boolean {
    this.followCursorValue ??= vscode.workspace.getConfiguration('conferenceNotes').get<boolean>('followCursor', true);
    return this.followCursorValue;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
