// The Sessions view's text filter: every word must occur (case- and width-insensitive) in the session's title,
// speakers, tags, track or conference, so "kubecon ebpf" narrows to eBPF sessions at KubeCon.
import type { Session } from './model';

/** Text as every session search compares it: compatibility forms unified (full-width ＡＢＣ is ABC), lower case. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase();
}

export function sessionMatchesFilter(session: Session, filter: string): boolean {
  const words = foldForSearch(filter).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = foldForSearch([session.title, session.conference, session.track ?? '', ...session.speakers, ...session.tags].join('\n'));
  return words.every((word) => haystack.includes(word));
}
