// Settings are read in the scope the manifest gives them. VS Code warns ("Accessing a window scoped configuration
// for a resource…") when a window-scoped setting is read for a resource, and a resource-scoped one read without a
// resource ignores the folder's value in a multi-root workspace. The folder settings are read per workspace folder
// (src/vscode/settings.ts passes the folder as the resource), so each setting they read must be resource-scoped.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { folderSettingsFrom } from '../../src/core/notes/noteSettings';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
const scopes = Object.fromEntries(
  Object.entries(manifest.contributes.configuration.properties as Record<string, { scope?: string }>).map(([key, { scope }]) => [key, scope ?? 'window']),
);

describe('setting scopes', () => {
  it('reads per workspace folder only resource-scoped settings, so no window-scoped one is read for a resource', () => {
    const read = new Set<string>();
    folderSettingsFrom((section, key) => {
      read.add(`${section}.${key}`);
      return undefined;
    });
    const ours = [...read].filter((key) => key.startsWith('conferenceNotes.'));
    assert.ok(ours.includes('conferenceNotes.templatesFolder'), 'the templates folder is one of the folder settings');
    assert.deepEqual(ours.filter((key) => scopes[key] !== 'resource').map((key) => `${key}: ${scopes[key]}`), []);
    const windowScoped = Object.keys(scopes).filter((key) => scopes[key] === 'window');
    assert.ok(windowScoped.includes('conferenceNotes.followCursor'), 'followCursor is window-scoped: src/vscode/settings.ts reads it without a resource');
    assert.deepEqual(windowScoped.filter((key) => read.has(key)), []);
  });
});
