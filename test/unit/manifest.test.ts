// The manifest and the README tell the same story: every command and setting is documented, setting defaults match
// the core's, and the engine matches the API used. (That every contributed command is registered is checked in the
// extension host, test/suite/sessions.test.ts.)
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PARSE_OPTIONS } from '../../src/core/notes/model';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const english = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const readme = readFileSync(join(root, 'README.md'), 'utf8');

const commands = (manifest.contributes.commands as { command: string; title: string }[]).map(({ command, title }) => ({
  command,
  title: english[title.replace(/^%|%$/g, '')],
}));
const settings = manifest.contributes.configuration.properties as Record<string, { default?: unknown }>;

describe('manifest, code and README agree', () => {
  it('documents every command a user can run from the palette in the README', () => {
    const hidden = new Set((manifest.contributes.menus.commandPalette as { command: string; when: string }[]).filter((entry) => entry.when === 'false').map((entry) => entry.command));
    const undocumented = commands.filter((c) => !hidden.has(c.command) && !readme.includes(c.title.replace(/…$/, '')));
    assert.deepEqual(undocumented.map((c) => c.title), []);
  });

  it('documents every setting in the README', () => {
    assert.deepEqual(Object.keys(settings).filter((key) => !readme.includes(`\`${key}\``)), []);
  });

  it('has setting defaults equal to the core defaults', () => {
    assert.equal(settings['conferenceNotes.trackHeadingLevel'].default, DEFAULT_PARSE_OPTIONS.trackHeadingLevel);
    assert.equal(settings['conferenceNotes.sessionHeadingLevel'].default, DEFAULT_PARSE_OPTIONS.sessionHeadingLevel);
    assert.deepEqual(settings['conferenceNotes.titlePrefixTracks'].default, DEFAULT_PARSE_OPTIONS.titlePrefixTracks);
  });

  it('declares an engine no newer than the VS Code versions it is tested on, and types no newer than the engine', () => {
    const engine = /^\^(\d+)\.(\d+)\./.exec(manifest.engines.vscode);
    assert.ok(engine, manifest.engines.vscode);
    assert.ok(Number(engine[1]) === 1 && Number(engine[2]) <= 91, 'the web test host is VS Code 1.91');
    const types = JSON.parse(readFileSync(join(root, 'node_modules', '@types', 'vscode', 'package.json'), 'utf8')).version as string;
    assert.ok(Number(types.split('.')[1]) <= Number(engine[2]), `@types/vscode ${types} is newer than the engine`);
  });
});
