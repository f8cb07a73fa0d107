// Small file-system questions the adapters ask through workspace.fs (local, remote and virtual workspaces alike).
import * as vscode from 'vscode';

/** Whether anything exists at `uri`, so a command can ask before replacing it. */
export async function fileExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
