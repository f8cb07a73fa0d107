// The dialogs the commands ask their questions with, as VS Code's window opens them. The commands get them at
// construction — `vscode.window` itself when the extension runs, a stand-in that answers and records the options in
// tests — so a test can check what the user sees (every picker's title, and the button that says what is chosen).
import * as vscode from 'vscode';

export interface Dialogs {
  showOpenDialog(options: vscode.OpenDialogOptions): Thenable<vscode.Uri[] | undefined>;
  showQuickPick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  showInputBox(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  /** A modal question: resolves with the chosen item, undefined when the user cancels. */
  showInformationMessage(message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined>;
}

export const windowDialogs: Dialogs = {
  showOpenDialog: (options) => vscode.window.showOpenDialog(options),
  showQuickPick: (items, options) => vscode.window.showQuickPick(items, options),
  showInputBox: (options) => vscode.window.showInputBox(options),
  showInformationMessage: (message, options, ...items) => vscode.window.showInformationMessage(message, options, ...items),
};
