import * as assert from 'node:assert/strict';
import { DEFAULT_PARSE_OPTIONS } from '../../src/core/notes/model';
import { markdownImage, markdownLink } from '../../src/core/notes/markdownLinks';
import { applyTextEdit, headingAnchor, planStatusEdit, sessionLink } from '../../src/core/notes/noteEdits';
import { parseNote } from '../../src/core/notes/parser';

function setStatus(text: string, title: string, status: string, file = 'report.md'): string {
  const note = parseNote(text, { uri: `file:///notes/${file}`, pathSegments: ['conf', file], options: DEFAULT_PARSE_OPTIONS });
  const session = note.sessions.find((s) => s.title === title);
  assert.ok(session, `session ${title} parsed`);
  return applyTextEdit(text, planStatusEdit(text, session, status));
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
