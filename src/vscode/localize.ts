// The core's English message tables, localised: their templates are the l10n keys; `{0}` placeholders are filled later.
import * as vscode from 'vscode';

export function localizeMessages<K extends string>(messages: Readonly<Record<K, string>>): Record<K, string> {
  return Object.fromEntries(Object.entries<string>(messages).map(([key, message]) => [key, vscode.l10n.t(message)])) as Record<K, string>;
}

/** One English template of the core, localised (its placeholders left for the core to fill). */
export function localizeTemplate(english: string): string {
  return vscode.l10n.t(english);
}
