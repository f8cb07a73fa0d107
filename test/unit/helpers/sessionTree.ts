// The tree a user sees in the Sessions view, as plain data for a deepEqual: conference → group → `title (speakers)`.
import type { Session } from '../../../src/core/notes/model';
import type { NoteIndex } from '../../../src/core/notes/noteIndex';

export function sessionTree(index: NoteIndex, groupOf: (session: Session) => string): Record<string, Record<string, string[]>> {
  const result: Record<string, Record<string, string[]>> = {};
  for (const { name } of index.conferences()) {
    const groups: Record<string, string[]> = {};
    for (const session of index.sessionsOfConference(name)) {
      (groups[groupOf(session)] ??= []).push(session.speakers.length > 0 ? `${session.title} (${session.speakers.join(', ')})` : session.title);
    }
    result[name] = groups;
  }
  return result;
}
