// A multi-root workspace in a real VS Code: sessions come from every folder, each folder is read with its own
// settings, same-named conferences merge, and tooltips name the folder a session lives in.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, renderTree } from '../suite/helpers';

describe('Multi-root workspace (extension host)', () => {
  it('merges one conference from two folders, each read with its own heading levels', async () => {
    assert.equal(vscode.workspace.workspaceFolders?.length, 2);
    const api = await activateExtension();
    assert.deepEqual(await renderTree(api), [
      {
        label: 'DevConf 2024',
        description: '4',
        children: [
          { label: 'Cloud', description: '2', children: [{ label: 'Scaling Queues', description: 'Ada Park' }, { label: 'Serverless Cold Starts', description: 'Ben Ortiz' }] },
          { label: 'Data', description: '1', children: [{ label: 'Streaming Joins in Practice', description: '' }] },
          { label: 'Security', description: '1', children: [{ label: 'Secrets Without Vaults', description: '' }] },
        ],
      },
    ]);
  });

  it('names the workspace folder in a session tooltip', async () => {
    const api = await activateExtension();
    const provider = api.sessionTree.provider;
    const [conference] = await provider.getChildren();
    const [cloud] = await provider.getChildren(conference);
    const sessions = await provider.getChildren(cloud);
    const serverless = sessions.find((node) => node.kind === 'session' && node.session.title === 'Serverless Cold Starts');
    assert.ok(serverless);
    const item = await provider.resolveTreeItem(provider.getTreeItem(serverless), serverless);
    const tooltip = item.tooltip as vscode.MarkdownString;
    // appendText escapes markdown punctuation (`day\-two`) and spaces (`&nbsp;`): compare the text as shown.
    const shown = tooltip.value.replace(/\\/g, '').replace(/&nbsp;/g, ' ');
    assert.ok(shown.includes('day-two: devconf-day2.md'), shown);
    assert.ok(shown.includes('Speakers: Ben Ortiz'), shown);
  });
});
