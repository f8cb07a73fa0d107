// The Sessions view as a user sees it in the real workbench, on the examples/ workspace. What the tree
// should show is read from the example notes themselves, so editing the examples does not break the test.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { after, afterEach, before, describe, it } from 'mocha';
import { parse as parseYaml } from 'yaml';
import { repoRoot } from '../../scripts/vscode-server.mjs';
import { expandTreeItem, openViewContainer, openWorkbench, screenshot, treeItems, waitForTreeItems, screenshotOnFailure } from './workbench.mjs';

const examplesDir = join(repoRoot, 'examples');
const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;

/** For each example note: its conference (front matter `conference`, else the H1) and its tracks (the
 *  H2 headings with at least one H3 session under them; Overview/Summary-style sections have none). */
function readExamples() {
  const markdown = new MarkdownIt();
  return readdirSync(examplesDir, { recursive: true })
    .filter((file) => file.endsWith('.md'))
    .map((file) => {
      const text = readFileSync(join(examplesDir, file), 'utf8');
      const header = frontMatter.exec(text);
      const tokens = markdown.parse(header ? text.slice(header[0].length) : text, {});
      const headings = tokens.flatMap((token, index) => token.type === 'heading_open'
        ? [{ level: Number(token.tag.slice(1)), text: tokens[index + 1].content }]
        : []);
      const conference = (header && parseYaml(header[1])?.conference) ?? headings.find((heading) => heading.level === 1)?.text;
      const tracks = headings
        .filter((heading, index) => heading.level === 2 && headings.slice(index + 1).find((next) => next.level <= 3)?.level === 3)
        .map((heading) => heading.text);
      return { file, conference, tracks };
    });
}

describe('Sessions view on the examples workspace', function () {
  const examples = readExamples();
  let workbench;

  before(async function () {
    assert.ok(existsSync(join(repoRoot, 'dist/extension.js')), 'dist/extension.js is missing: run `node scripts/build.mjs` first');
    assert.ok(examples.length >= 2, `examples/ holds at least two conferences' notes (found ${examples.length})`);
    workbench = await openWorkbench({ folder: examplesDir, theme: 'dark' });
    await openViewContainer(workbench.page, 'Conference Notes');
  });

  afterEach(screenshotOnFailure(() => workbench));

  after(async function () {
    await workbench?.close();
  });

  it('lists every example conference', async function () {
    const conferences = examples.map((example) => example.conference);
    await waitForTreeItems(workbench.page, conferences);
    const shown = (await treeItems(workbench.page)).filter((item) => item.level === 1).map((item) => item.label);
    for (const conference of conferences) assert.ok(shown.includes(conference), `"${conference}" is in the tree: ${shown.join(' | ')}`);
  });

  it('shows the tracks of a conference when it is expanded', async function () {
    const [example] = examples;
    await expandTreeItem(workbench.page, example.conference);
    await waitForTreeItems(workbench.page, example.tracks, 2);
    const tracks = (await treeItems(workbench.page)).filter((item) => item.level === 2).map((item) => item.label);
    assert.deepEqual([...tracks].sort(), [...example.tracks].sort(), `tracks of ${example.file}`);
    await screenshot(workbench.page, 'sessions-tree');
  });
});
