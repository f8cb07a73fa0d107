// Go to Session in a real VS Code: the workspace symbols VS Code asks our provider for (as Ctrl+T does) find the
// fixture sessions by part of the title and by speaker, with conference and track beside, at the session heading.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, workspaceUri } from './helpers';

/** Our symbols for a query (the markdown extension answers with headings too: those are not sessions). */
async function sessionSymbols(query: string): Promise<vscode.SymbolInformation[]> {
  const symbols = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', query);
  return symbols.filter((symbol) => symbol.kind === vscode.SymbolKind.Event);
}

describe('Go to Session (extension host)', () => {
  before(async () => {
    await activateExtension();
  });

  it('finds a session by part of its title, named with its speakers, its conference and track beside', async () => {
    const [symbol, ...others] = await sessionSymbols('queues');
    assert.deepEqual(others, []);
    assert.equal(symbol.name, 'Scaling Queues · Ada Park');
    assert.equal(symbol.containerName, 'DevConf 2024 · Cloud');
    assert.equal(symbol.location.uri.toString(), workspaceUri('notes', 'devconf.md').toString());
    const document = await vscode.workspace.openTextDocument(symbol.location.uri);
    assert.equal(document.lineAt(symbol.location.range.start.line).text, '### Scaling Queues');
  });

  it('finds a session by its speaker and by letters of its title in order', async () => {
    assert.deepEqual((await sessionSymbols('chen')).map((symbol) => symbol.name), ['Streaming Joins in Practice · Chen Li']);
    assert.ok((await sessionSymbols('srvls')).some((symbol) => symbol.name === 'Serverless Cold Starts · Ben Ortiz'));
    assert.deepEqual(await sessionSymbols('no session is called this'), []);
  });
});
