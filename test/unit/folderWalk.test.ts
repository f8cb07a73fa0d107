// The walk that lists a local folder's files for the command line (links left out) and the Node extension host (links
// followed, as VS Code's file search follows them): excluded folders are not entered, a link loop ends, a folder that
// cannot be read is reported and the rest is still listed.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listFolderFiles, type FolderWalkOptions } from '../../src/cli/folderWalk';

describe('listing a local folder', () => {
  let root: string;
  let outside: string;
  const write = (relative: string) => {
    const file = join(root, ...relative.split('/'));
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, `# ${relative}\n`);
  };
  const list = (overrides: Partial<FolderWalkOptions> = {}) => {
    const errors: string[] = [];
    const skipped: string[] = [];
    const listing = listFolderFiles(root, {
      skipFolder: (relative) => {
        skipped.push(relative);
        return relative === 'node_modules' || relative.endsWith('/drafts');
      },
      followLinks: true,
      onError: (folder) => errors.push(folder),
      ...overrides,
    });
    return listing.then((files) => ({ files, errors, skipped }));
  };

  beforeEach(() => {
    const scratch = mkdtempSync(join(tmpdir(), 'conference-notes-walk-'));
    root = join(scratch, 'notes');
    outside = join(scratch, 'elsewhere');
    for (const relative of ['b.md', 'a.md', 'kubecon/day-2.md', 'kubecon/day-1.md', 'kubecon/drafts/idea.md', 'node_modules/pkg/README.md']) write(relative);
    mkdirSync(join(outside, 'talks'), { recursive: true });
    writeFileSync(join(outside, 'talks', 'shared.md'), '# Shared\n');
    writeFileSync(join(outside, 'single.md'), '# Single\n');
  });

  afterEach(() => rmSync(join(root, '..'), { recursive: true, force: true }));

  it('lists every file in name order, without entering the folders it is told to skip', async () => {
    const { files, skipped } = await list();
    assert.deepEqual(files, ['a.md', 'b.md', 'kubecon/day-1.md', 'kubecon/day-2.md']);
    assert.ok(skipped.includes('node_modules') && skipped.includes('kubecon/drafts'));
    assert.ok(!skipped.some((folder) => folder.startsWith('node_modules/')), 'nothing below a skipped folder is looked at');
  });

  it('follows links to files and folders when asked, and ends a loop of links', async () => {
    symlinkSync(join(outside, 'talks'), join(root, 'linked-talks'));
    symlinkSync(join(outside, 'single.md'), join(root, 'kubecon', 'single.md'));
    symlinkSync(root, join(root, 'kubecon', 'back-to-root'));
    symlinkSync(join(outside, 'missing.md'), join(root, 'dangling.md'));
    const { files, errors } = await list();
    assert.deepEqual(files, [
      'a.md', 'b.md',
      // back-to-root leads to the folder the walk is in: not walked again.
      'kubecon/day-1.md', 'kubecon/day-2.md', 'kubecon/single.md',
      'linked-talks/shared.md',
    ]);
    assert.deepEqual(errors, []);
    const unfollowed = await list({ followLinks: false });
    assert.deepEqual(unfollowed.files, ['a.md', 'b.md', 'kubecon/day-1.md', 'kubecon/day-2.md']);
  });

  it('reports a folder that cannot be read (here: deleted while the walk was under way) and lists the others', async () => {
    write('gone/talk.md');
    const { files, errors } = await list({
      skipFolder: (relative) => {
        if (relative === 'gone') rmSync(join(root, 'gone'), { recursive: true });
        return relative === 'node_modules';
      },
    });
    assert.deepEqual(files, ['a.md', 'b.md', 'kubecon/day-1.md', 'kubecon/day-2.md', 'kubecon/drafts/idea.md']);
    assert.deepEqual(errors, [join(root, 'gone')]);
  });
});
