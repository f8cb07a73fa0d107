// The conference-stats block in VS Code's built-in Markdown preview: `markdown.api.render` runs every contributed
// markdown-it plugin, so its HTML is what a preview shows. Checked: the chart and table for a block, new numbers after
// a note edit, the error box (and the Problems entry) for a bad option, and that the preview gets no script. Also
// Publish Report, with SVG and with PNG images (drawn by the statistics panel).
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, waitForIndex, workspaceUri } from './helpers';

const REPORT = ['# Trip report', '', '```conference-stats', 'conferences: WebCamp 2024', 'show: both', '```', ''].join('\n');

async function render(text: string): Promise<string> {
  return vscode.commands.executeCommand<string>('markdown.api.render', text);
}

/** The number in the table's WebCamp column for a track. */
function tableCount(html: string, track: string): number | undefined {
  const match = new RegExp(`<tr><td>${track}</td><td[^>]*>(\\d+)</td>`).exec(html);
  return match ? Number(match[1]) : undefined;
}

describe('conference-stats block in the Markdown preview', () => {
  const noteUri = () => workspaceUri('notes', 'webcamp.md');
  let original: string;

  before(async () => {
    await activateExtension();
    original = new TextDecoder().decode(await vscode.workspace.fs.readFile(noteUri()));
  });

  afterEach(async () => {
    const api = await activateExtension();
    await vscode.workspace.fs.writeFile(noteUri(), new TextEncoder().encode(original));
    // The next test (and suite) starts from the fixture as written.
    await waitForIndex(api, () => api.notes.index.tracks('WebCamp 2024').length === 2 && api.notes.index.trackSessionCount('WebCamp 2024', 'Backend') === 1);
  });

  it('renders the chart and the table of the notes', async () => {
    const html = await render(REPORT);
    assert.match(html, /<div class="conference-stats"/);
    assert.match(html, /<svg [^>]*class="track-chart"/);
    assert.equal(tableCount(html, 'Frontend'), 2);
    assert.equal(tableCount(html, 'Backend'), 1);
    assert.doesNotMatch(html, /<script/i, 'the preview gets no script');
  });

  it('shows new numbers after a note changes', async () => {
    const api = await activateExtension();
    const edited = `${original.trimEnd()}\n\n### Edge Functions\n`;
    await vscode.workspace.fs.writeFile(noteUri(), new TextEncoder().encode(edited));
    await waitForIndex(api, () => api.notes.index.trackSessionCount('WebCamp 2024', 'Backend') === 2);
    assert.equal(tableCount(await render(REPORT), 'Backend'), 2);
  });

  it('shows an error box, not a chart, for a bad option, and lists it in Problems', async () => {
    const bad = REPORT.replace('show: both', 'show: pie');
    const html = await render(bad);
    assert.match(html, /class="conference-stats-error"/);
    assert.match(html, /show/);
    assert.doesNotMatch(html, /<svg/);

    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: bad });
    await vscode.window.showTextDocument(document);
    const problems = vscode.languages.getDiagnostics(document.uri).filter((problem) => problem.source === 'conference-stats');
    assert.deepEqual(problems.map((problem) => problem.range.start.line), [4]);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('keeps note text as text: a hostile track name is escaped', async () => {
    const api = await activateExtension();
    const hostile = `${original.trimEnd()}\n\n## <img src=x onerror=alert(1)>\n\n### Talk\n`;
    await vscode.workspace.fs.writeFile(noteUri(), new TextEncoder().encode(hostile));
    await waitForIndex(api, () => api.notes.index.tracks('WebCamp 2024').length === 3);
    const html = await render(REPORT);
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });
});

describe('Publish Report', () => {
  let folder: string;
  before(() => activateExtension());
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'conference-notes-publish-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  async function publish(format: 'svg' | 'png'): Promise<{ markdown: string; image: Uint8Array }> {
    const report = join(folder, 'trip.md');
    writeFileSync(report, REPORT);
    const out = vscode.Uri.file(join(folder, format));
    await vscode.commands.executeCommand('conferenceNotes.publishReport', vscode.Uri.file(report), format, out);
    return {
      markdown: new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(out, 'trip.md'))),
      image: await vscode.workspace.fs.readFile(vscode.Uri.joinPath(out, `trip-chart-1.${format}`)),
    };
  }

  it('writes the copy with an SVG or a PNG image twice its size, and leaves the report alone', async () => {
    const svg = await publish('svg');
    assert.match(svg.markdown, /!\[[^\]]*\]\(trip-chart-1\.svg\)/);
    const svgWidth = Number(/^<svg [^>]*\bwidth="(\d+)"/.exec(new TextDecoder().decode(svg.image))?.[1]);

    const png = await publish('png');
    assert.match(png.markdown, /!\[[^\]]*\]\(trip-chart-1\.png\)/);
    assert.doesNotMatch(png.markdown, /conference-stats/);
    assert.deepEqual([...png.image.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], 'PNG signature');
    assert.equal(new DataView(png.image.buffer, png.image.byteOffset).getUint32(16), 2 * svgWidth, 'drawn at twice the SVG width');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(join(folder, 'trip.md')))), REPORT);
  });
});
