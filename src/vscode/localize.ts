// The core's English message tables, localised: their templates are the l10n keys; `{0}` placeholders are filled later.
import * as vscode from 'vscode';

export function localizeMessages<K extends string>(messages: Readonly<Record<K, string>>): Record<K, string> {
  return Object.fromEntries(Object.entries<string>(messages).map(([key, message]) => [key, vscode.l10n.t(message)])) as Record<K, string>;
}
