// The web-worker extension host entry (vscode.dev, github.dev, VS Code for the Web): files are found and read only
// through VS Code (file search and workspace.fs), whatever file system provides them.
import type * as vscode from 'vscode';
import { activateShared, type ConferenceNotesApi } from '../vscode/activation';
import { workspaceFileSystem } from '../vscode/noteWorkspace';

export function activate(context: vscode.ExtensionContext): ConferenceNotesApi {
  return activateShared(context, { files: workspaceFileSystem });
}

export function deactivate(): void {
  // Everything is registered on context.subscriptions and disposed by VS Code.
}
