import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { runCli } from '../../src/cli/main';
import { svgToPng } from '../../src/cli/pngImage';

const root = join(__dirname, '..', '..');
const BLOCK = '```conference-stats\nshow: both\n```';

async function cli(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await runCli(args, { out: () => undefined, err: (text) => (err += text) });
  return { code, err };
}

function svgSize(svg: string): { width: number; height: number } {
  const [, width, height] = /^<svg [^>]*\bwidth="(\d+)" height="(\d+)"/.exec(svg) ?? [];
  return { width: Number(width), height: Number(height) };
}

/** Pixels that differ between two images of one size. */
function differingPixels(a: PNG, b: PNG): number {
  let count = 0;
  for (let i = 0; i < a.data.length; i += 4) if (a.data.readUInt32BE(i) !== b.data.readUInt32BE(i)) count++;
  return count;
}

describe('conference-notes publish --format png', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'publish-png-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  /** Publishes `source` (a report of examples/… or the seed) once as SVG and once as PNG; returns both images. */
  async function publishBoth(source: string, notes: string): Promise<{ svg: string; png: PNG; markdown: string }> {
    const report = join(folder, 'report.md');
    writeFileSync(report, `${source}\n${BLOCK}\n`);
    const base = ['publish', report, '--notes', notes];
    assert.equal((await cli([...base, '--out', join(folder, 'svg')])).code, 0);
    const published = await cli([...base, '--out', join(folder, 'png'), '--format', 'png']);
    assert.equal(published.code, 0, published.err);
    return {
      svg: readFileSync(join(folder, 'svg', 'report-chart-1.svg'), 'utf8'),
      png: PNG.sync.read(readFileSync(join(folder, 'png', 'report-chart-1.png'))),
      markdown: readFileSync(join(folder, 'png', 'report.md'), 'utf8'),
    };
  }

  /** The chart as drawn: twice the SVG's size, not one colour, and its text drawn (the image changes without it). */
  async function assertDrawn(svg: string, png: PNG): Promise<void> {
    const { width, height } = svgSize(svg);
    assert.deepEqual([png.width, png.height], [2 * width, 2 * height], 'twice the SVG size');
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.readUInt32BE(i));
    assert.ok(colours.size > 8, `more than a background: ${colours.size} colours`);
    const withoutText = PNG.sync.read(Buffer.from(await svgToPng(svg.replace(/<text\b[^>]*>[\s\S]*?<\/text>/g, ''))));
    assert.ok(differingPixels(png, withoutText) > 1000, 'the labels, legend and title are drawn');
  }

  it('writes PNG images twice the SVG size, with their text, linked from the copy', async () => {
    const example = join(root, 'examples', 'kubecon-eu-2025');
    const { svg, png, markdown } = await publishBoth(readFileSync(join(example, 'report.md'), 'utf8'), example);
    await assertDrawn(svg, png);
    assert.match(markdown, /!\[Sessions per track\]\(report-chart-1\.png\)\n\n\| Track \|/);
    assert.ok(!existsSync(join(folder, 'png', 'report-chart-1.svg')), 'no SVG beside the PNG');
  });

  it('publishes the seed report as PNG', async function () {
    const seed = join(root, '..', 'shared', 'seed', 'kubecon-na-2020-report.md');
    if (!existsSync(seed)) this.skip();
    const notes = join(folder, 'notes');
    mkdirSync(notes);
    writeFileSync(join(notes, 'kubecon-na-2020-report.md'), readFileSync(seed));
    const { svg, png } = await publishBoth(readFileSync(seed, 'utf8'), notes);
    await assertDrawn(svg, png);
  });

  it('refuses an unknown format and an existing PNG without --force', async () => {
    const report = join(folder, 'report.md');
    writeFileSync(report, `# KubeCon 2020\n\n## Talk\n\ntrack: Security\n\n${BLOCK}\n`);
    const out = join(folder, 'blog');
    const bad = await cli(['publish', report, '--out', out, '--format', 'gif']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /svg, png/);
    assert.equal((await cli(['publish', report, '--out', out, '--format', 'png'])).code, 0);
    rmSync(join(out, 'report.md'));
    writeFileSync(join(out, 'report-chart-1.png'), 'mine');
    const refused = await cli(['publish', report, '--out', out, '--format', 'png']);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /report-chart-1\.png.*--force/);
    assert.equal(readFileSync(join(out, 'report-chart-1.png'), 'utf8'), 'mine');
  });
});
