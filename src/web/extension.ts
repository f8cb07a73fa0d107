// The web-worker extension host entry (vscode.dev, github.dev, VS Code for the Web): files are read only through
// vscode.workspace.fs, whatever file system provides them.
import * as vscode from 'vscode';
import { activateShared, type ConferenceNotesApi } from '../vscode/activation';

export function activate(context: vscode.ExtensionContext): ConferenceNotesApi {
  return activateShared(context, { files: vscode.workspace.fs });
}

export function deactivate(): void {
  // Everything is registered on context.subscriptions and disposed by VS Code.
}
