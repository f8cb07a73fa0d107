// The one way the core fills message templates (`{0}`, `{1}`…). The core returns English templates and their
// values; the VS Code adapters localise with vscode.l10n.t, the CLI with its bundle, and both fill in through this.

/** Replaces `{0}`, `{1}`… with the arguments; a placeholder without an argument is left as written. */
export function fillTemplate(template: string, args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (placeholder, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? placeholder : String(value);
  });
}
