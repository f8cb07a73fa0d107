// A minimal language pack for the UI tests' server. The Marketplace is out of reach, so the workbench cannot fetch the
// real Japanese language pack; a pack that contributes the language with no translations of its own is enough for
// VS Code to run in that display language (`vscode.env.language`), so every string of ours comes from our Japanese
// bundles, while VS Code's own strings stay English.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const publisher = 'conference-notes-tests';
const version = '0.0.1';

/**
 * Installs the pack for `languageId` in the server's extensions directory, and registers it in the user data's
 * `languagepacks.json`, where the server looks up the workbench's translations when it serves the page (it writes
 * that file itself only when an extension is installed through it).
 */
export function writeLanguagePack(dirs, languageId) {
  const name = `test-language-pack-${languageId}`;
  const folder = join(dirs.extensions, `${publisher}.${name}-${version}`);
  const translations = join(folder, 'translations', 'main.i18n.json');
  mkdirSync(join(folder, 'translations'), { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({
    name,
    publisher,
    version,
    engines: { vscode: '*' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [{ languageId, languageName: languageId, localizedLanguageName: languageId, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }],
    },
  }, null, 2));
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const extensionId = `${publisher}.${name}`;
  mkdirSync(dirs.userData, { recursive: true });
  writeFileSync(join(dirs.userData, 'languagepacks.json'), JSON.stringify({
    [languageId]: {
      hash: createHash('md5').update(`${extensionId}@${version}`).digest('hex'),
      extensions: [{ extensionIdentifier: { id: extensionId }, version }],
      translations: { vscode: translations },
      label: languageId,
    },
  }));
  return folder;
}
