// What the template modules report: English message templates with their codes; adapters localise.

import { coreMessage, type CoreMessage } from '../messages';

/** English message templates (`{0}`, `{1}` placeholders) for everything this module reports; adapters localise. */
export const TEMPLATE_MESSAGES = {
  'unknown-variable': 'Unknown template variable "{0}" was left as written.',
  'unsupported-transform': 'Transforms on template variables are not supported: "{0}" was left as written.',
  'invalid-placeholder': '"${" at offset {0} starts no valid placeholder or variable (unclosed?) and is kept as plain text.',
  'nesting-too-deep': 'Placeholders nested more than {0} levels deep are kept as plain text (offset {1}).',
  'template-too-large': 'The template is {0} KB; templates over {1} KB are not used.',
  'unmatched-brace': 'Unescaped "}" at offset {0}; write "\\}" for a literal brace.',
  'tabstop-gap': 'Tabstop ${0} is used but ${1} is missing: tabstops should be numbered 1, 2, 3…',
  'conflicting-placeholder': 'Tabstop ${0} has different placeholder texts: "{1}" and "{2}".',
} as const;

export type TemplateMessageCode = keyof typeof TEMPLATE_MESSAGES;

export type TemplateMessage = CoreMessage<TemplateMessageCode>;

export function templateMessage(code: TemplateMessageCode, ...args: string[]): TemplateMessage {
  return coreMessage(TEMPLATE_MESSAGES, code, args);
}
