import * as assert from 'node:assert/strict';
import { DEFAULT_PARSE_OPTIONS } from '../../src/core/notes/model';
import { markdownImage, markdownLink } from '../../src/core/notes/markdownLinks';
import { applyTextEdit, headingAnchor, planStatusEdit, sessionLink } from '../../src/core/notes/noteEdits';
import { parseNote } from '../../src/core/notes/parser';

function setStatus(text: string, title: string, status: string, file = 'report.md', displayLanguage?: string): string {
  const note = parseNote(text, { uri: `file:///notes/${file}`, pathSegments: ['conf', file], options: DEFAULT_PARSE_OPTIONS });
  const session = note.sessions.find((s) => s.title === title);
  assert.ok(session, `session ${title} parsed`);
  return applyTextEdit(text, planStatusEdit(text, session, status, displayLanguage));
}

const report = `# Conf 2025

## Cloud

### First Talk

- speakers: Ada
- status: planned

Notes about the first talk.

### Second Talk

- speakers: Ben
- tags: k8s

Text.

### Third Talk
Body right under the heading.

#### Part
- 状態: 未視聴
`;

describe('planStatusEdit (Set Status)', () => {
  it('replaces only the value of an existing status line', () => {
    const after = setStatus(report, 'First Talk', 'attended');
    assert.equal(after, report.replace('- status: planned', '- status: attended'));
  });

  it('adds a status line after the field list when the session has none', () => {
    const after = setStatus(report, 'Second Talk', 'watched');
    assert.equal(after, report.replace('- tags: k8s\n', '- tags: k8s\n- status: watched\n'));
  });

  it('keeps a Japanese key and replaces its value, even in a deeper part of the session', () => {
    const after = setStatus(report, 'Third Talk', 'watched');
    assert.equal(after, report.replace('- 状態: 未視聴', '- 状態: watched'));
  });

  it('adds a status line right under the heading when there is no field list', () => {
    const text = '# C\n\n## T\n\n### Bare\n\nJust prose.\n';
    assert.equal(setStatus(text, 'Bare', 'skipped'), '# C\n\n## T\n\n### Bare\n- status: skipped\n\nJust prose.\n');
  });

  it('edits the front matter of a session file, keeping CRLF line ends', () => {
    const withStatus = '---\r\ntype: session\r\nstatus: planned\r\n---\r\n# Talk\r\n';
    assert.equal(setStatus(withStatus, 'Talk', 'attended', 'talk.md'), withStatus.replace('status: planned', 'status: attended'));
    const without = '---\r\ntype: session\r\ntrack: Web\r\n---\r\n# Talk\r\nnotes\r\n';
    assert.equal(setStatus(without, 'Talk', 'to-watch', 'talk.md'), '---\r\ntype: session\r\ntrack: Web\r\nstatus: to-watch\r\n---\r\n# Talk\r\nnotes\r\n');
  });
});

describe('planStatusEdit writes the key the note uses', () => {
  const japaneseKeys = '# カンファレンス 2025\n\n## クラウド\n\n### Kubernetes の運用\n\n- 登壇者: 山田\n\n本番環境での運用についての話。\n';

  it('adds 状態 beside 登壇者, even with an English display language', () => {
    assert.equal(setStatus(japaneseKeys, 'Kubernetes の運用', 'attended', 'report.md', 'en'), japaneseKeys.replace('- 登壇者: 山田\n', '- 登壇者: 山田\n- 状態: attended\n'));
  });

  it('keeps English keys in a Japanese note that writes its fields in English, with a Japanese display language', () => {
    const englishKeys = japaneseKeys.replace('- 登壇者:', '- speakers:');
    assert.equal(setStatus(englishKeys, 'Kubernetes の運用', 'watched', 'report.md', 'ja'), englishKeys.replace('- speakers: 山田\n', '- speakers: 山田\n- status: watched\n'));
  });

  it('writes 状態 into a Japanese note without fields, and the display language decides for a note too short to tell', () => {
    const prose = '# 勉強会\n\n## 全体\n\n### 基調講演\n\nとても良い話でした。次回も参加したいです。\n';
    assert.equal(setStatus(prose, '基調講演', 'attended', 'report.md', 'en'), prose.replace('### 基調講演\n', '### 基調講演\n- 状態: attended\n'));
    const bare = '# C\n\n## T\n\n### Bare\n\n1 2 3.\n';
    assert.equal(setStatus(bare, 'Bare', 'planned', 'report.md', 'ja'), bare.replace('### Bare\n', '### Bare\n- 状態: planned\n'));
    assert.equal(setStatus(bare, 'Bare', 'planned', 'report.md', 'en'), bare.replace('### Bare\n', '### Bare\n- status: planned\n'));
  });

  it('adds 状態 to the front matter of a session file written with Japanese keys', () => {
    const note = '---\ntype: session\n登壇者: 山田\n---\n# 講演\n';
    assert.equal(setStatus(note, '講演', 'skipped', 'talk.md', 'en'), '---\ntype: session\n登壇者: 山田\n状態: skipped\n---\n# 講演\n');
  });
});

describe('markdown links to sessions', () => {
  it('makes GitHub-style anchors, keeping Japanese letters', () => {
    assert.equal(headingAnchor('Signing Everything: Supply Chain Security'), 'signing-everything-supply-chain-security');
    assert.equal(headingAnchor('SBOM を実運用に乗せるまで'), 'sbom-を実運用に乗せるまで');
  });

  it('links relative to the folder of the note being written', () => {
    const note = parseNote('# C\n\n## T\n\n### Talk [1]: Intro\n', { uri: 'file:///w/conf/report.md', pathSegments: ['conf', 'report.md'], options: DEFAULT_PARSE_OPTIONS });
    const [session] = note.sessions;
    assert.equal(sessionLink(session, 'conf/report.md', 'summary'), '[Talk \\[1\\]: Intro](../conf/report.md#talk-1-intro)');
    assert.equal(sessionLink(session, 'conf/report.md', 'conf'), '[Talk \\[1\\]: Intro](report.md#talk-1-intro)');
  });

  it('writes image links whose alt text and path cannot end the link early', () => {
    assert.equal(markdownImage('Tracks [2024]\nall', 'images/My Conf (2024)/a.svg'), '![Tracks \\[2024\\] all](images/My%20Conf%20%282024%29/a.svg)');
    assert.equal(markdownLink('x](javascript:alert(1))', 'a.md'), '[x\\](javascript:alert(1))](a.md)');
  });
});
