// How the core speaks to people: a message is a code, the English template of a module's `*_MESSAGES` table and the
// values for its `{0}`, `{1}`… placeholders. The VS Code adapters localise the template with vscode.l10n.t, the CLI
// with its bundle, and both fill it in through fillTemplate.

/** One message of the core, not yet localised. */
export interface CoreMessage<Code extends string = string> {
  /** Stable machine-readable code, e.g. `yaml-invalid`. */
  readonly code: Code;
  /** English template from the module's `*_MESSAGES` table. */
  readonly message: string;
  /** Values for the placeholders (file names, error texts…). */
  readonly args: readonly string[];
}

/** The message `code` of `table` with its values. */
export function coreMessage<Code extends string>(table: Readonly<Record<Code, string>>, code: Code, args: readonly (string | number)[]): CoreMessage<Code> {
  return { code, message: table[code], args: args.map(String) };
}

/** Replaces `{0}`, `{1}`… with the arguments; a placeholder without an argument is left as written. */
export function fillTemplate(template: string, args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (placeholder, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? placeholder : String(value);
  });
}
