// Schedules are written by other people's tools and come from the network: their texts may hold control characters.
// A NUL makes the note written from them read as binary; ESC and BEL sequences act on the terminal that prints a title.

// C0 controls but tab, line feed and carriage return; DEL; C1 controls.
// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** The text without control characters (line breaks and tabs stay). */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '');
}
