// The Sessions view's text filter: every word must occur (case- and width-insensitive) in the session's title,
// speakers, tags, track or conference, so "kubecon ebpf" narrows to eBPF sessions at KubeCon.
import type { Session } from './model';

function fold(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase();
}

export function sessionMatchesFilter(session: Session, filter: string): boolean {
  const words = fold(filter).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold([session.title, session.conference, session.track ?? '', ...session.speakers, ...session.tags].join('\n'));
  return words.every((word) => haystack.includes(word));
}
