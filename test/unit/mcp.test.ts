// `conference-notes mcp`: the server as an assistant's client sees it, over the real stdio of a spawned CLI process
// (the SDK's client): its tools on examples/, the same answers as the other commands, MCP errors for bad requests
// (and the server still answering after them), no note outside the folder ever served, and `set_status` only with
// --allow-edits, as the tree's Set Status edit, written by replacing the file.
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { runCli } from '../../src/cli/main';
import { MAX_NOTE_TEXT } from '../../src/cli/mcp/server';
import { DEFAULT_PARSE_OPTIONS } from '../../src/core/notes/model';
import { applyTextEdit, planStatusEdit } from '../../src/core/notes/noteEdits';
import { parseNote } from '../../src/core/notes/parser';

const root = join(__dirname, '..', '..');
const examples = join(root, 'examples');

/** A client connected to `conference-notes mcp …` in a child process, as an MCP host starts it. */
async function connect(...args: string[]): Promise<Client> {
  const transport = new StdioClientTransport({ command: process.execPath, args: ['--import', 'tsx', join(root, 'src', 'cli', 'main.ts'), 'mcp', ...args], cwd: root, stderr: 'pipe' });
  const client = new Client({ name: 'conference-notes-test', version: '0' });
  await client.connect(transport);
  return client;
}

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<{ text: string; isError: boolean }> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const [content] = result.content;
  assert.equal(content.type, 'text');
  return { text: content.type === 'text' ? content.text : '', isError: result.isError === true };
}

async function callJson<T>(client: Client, name: string, args: Record<string, unknown>): Promise<T> {
  const { text, isError } = await call(client, name, args);
  assert.equal(isError, false, text);
  return JSON.parse(text) as T;
}

async function cli(...args: string[]): Promise<string> {
  let out = '';
  assert.equal(await runCli(args, { out: (text) => (out += text), err: () => undefined }), 0);
  return out;
}

interface Listed {
  total: number;
  sessions: { id: string; title: string; conference: string; track?: string; speakers: string[]; status?: string; file: string; line: number }[];
}

describe('conference-notes mcp (MCP server over stdio)', function () {
  this.timeout(60_000);

  describe('read-only, on examples/', () => {
    let client: Client;
    before(async () => {
      client = await connect(examples);
    });
    after(() => client.close());

    it('offers the read-only tools and no set_status', async () => {
      const { tools } = await client.listTools();
      assert.deepEqual(tools.map((tool) => tool.name), ['list_sessions', 'get_session', 'track_stats', 'chart_svg']);
      assert.ok(tools.every((tool) => tool.annotations?.readOnlyHint === true));
    });

    it('lists sessions with filters on conference, track, speaker, status and text', async () => {
      const all = await callJson<Listed>(client, 'list_sessions', {});
      assert.equal(all.total, 12);
      const security = await callJson<Listed>(client, 'list_sessions', { conference: 'kubecon', track: 'SECURITY' });
      assert.deepEqual(security.sessions.map((session) => session.title), ['Signing Everything: Supply Chain Security in Practice', 'Rootless Containers, Five Years Later']);
      assert.equal(security.sessions[0].id, 'kubecon-eu-2025/report.md#signing-everything-supply-chain-security-in-practice');
      assert.deepEqual((await callJson<Listed>(client, 'list_sessions', { speaker: 'hannah' })).sessions.map((session) => session.title), ['Keynote: Platform Teams Are Product Teams']);
      const watched = await callJson<Listed>(client, 'list_sessions', { status: 'watched' });
      assert.ok(watched.total > 0 && watched.sessions.every((session) => session.status === 'watched'));
      assert.deepEqual((await callJson<Listed>(client, 'list_sessions', { text: 'sbom' })).sessions.map((session) => session.title), ['SBOM を実運用に乗せるまで']);
      const limited = await callJson<Listed>(client, 'list_sessions', { limit: 2 });
      assert.deepEqual([limited.total, limited.sessions.length], [12, 2]);
    });

    it('gets a session: its fields and its part of the note', async () => {
      const session = await callJson<Listed['sessions'][number] & { text: string; truncated: boolean }>(client, 'get_session', { id: 'kubecon-eu-2025/report.md#keynote-platform-teams-are-product-teams' });
      assert.deepEqual([session.title, session.speakers, session.status, session.file], ['Keynote: Platform Teams Are Product Teams', ['Hannah Lindqvist'], 'watched', 'kubecon-eu-2025/report.md']);
      assert.match(session.text, /^### Keynote: Platform Teams Are Product Teams\n\n- speakers: Hannah Lindqvist\n/);
      assert.ok(session.text.includes('announced a release ahead.'));
      assert.ok(!session.text.includes('## Observability'), 'the next track is not part of the session');
      assert.equal(session.truncated, false);
    });

    it('gives the statistics and the chart exactly as the stats and chart commands print them', async () => {
      assert.deepEqual(await callJson(client, 'track_stats', {}), JSON.parse(await cli('stats', '--format', 'json', examples)));
      assert.deepEqual(await callJson(client, 'track_stats', { sort: 'name', percent: true }), JSON.parse(await cli('stats', '--format', 'json', '--sort', 'name', '--percent', examples)));
      assert.equal((await call(client, 'chart_svg', { theme: 'dark' })).text, await cli('chart', '--theme', 'dark', examples));
    });

    it('offers each conference report as a resource with its text', async () => {
      const { resources } = await client.listResources();
      assert.deepEqual(resources.map((resource) => [resource.uri, resource.title]), [
        ['conference-notes://report/kubecon-eu-2025/report.md', 'Report: KubeCon + CloudNativeCon Europe 2025'],
        ['conference-notes://report/oss-japan-2025/report.md', 'Report: Open Source Summit Japan 2025'],
      ]);
      const { contents } = await client.readResource({ uri: resources[1].uri });
      assert.deepEqual(contents, [{ uri: resources[1].uri, mimeType: 'text/markdown', text: readFileSync(join(examples, 'oss-japan-2025', 'report.md'), 'utf8') }]);
    });

    it('answers bad requests with MCP errors and keeps serving', async () => {
      for (const [name, args] of [
        ['list_sessions', { limit: 'ten' }],
        ['list_sessions', { status: 'sleeping' }],
        ['get_session', {}],
        ['get_session', { id: 42 }],
        ['get_session', { id: 'no/such.md#session' }],
        ['track_stats', { sort: 'random' }],
        ['chart_svg', { theme: 'neon' }],
        ['set_status', { id: 'kubecon-eu-2025/report.md#keynote-platform-teams-are-product-teams', status: 'attended' }],
        ['no_such_tool', {}],
      ] as const) {
        assert.equal((await call(client, name, args)).isError, true, `${name} ${JSON.stringify(args)}`);
      }
      await assert.rejects(client.readResource({ uri: 'conference-notes://report/nothing.md' }), /MCP error -32602/);
      assert.equal((await callJson<Listed>(client, 'list_sessions', {})).total, 12, 'still serving');
      assert.ok(readFileSync(join(examples, 'kubecon-eu-2025', 'report.md'), 'utf8').includes('- speakers: Hannah Lindqvist\n- status: watched'), 'nothing was edited');
    });
  });

  describe('a folder with notes around it', () => {
    let scratch: string;
    let folder: string;
    let client: Client;
    const secret = '# Elsewhere Conf\n\n## Private\n\n### Secret Talk\n\n- speakers: Nobody\n\nNot for the assistant.\n';
    before(async () => {
      scratch = mkdtempSync(join(tmpdir(), 'conference-notes-mcp-'));
      folder = join(scratch, 'served');
      mkdirSync(folder);
      cpSync(join(examples, 'kubecon-eu-2025'), join(folder, 'kubecon'), { recursive: true });
      writeFileSync(join(scratch, 'outside.md'), secret);
      symlinkSync(join(scratch, 'outside.md'), join(folder, 'linked.md'));
      client = await connect(folder);
    });
    after(async () => {
      await client.close();
      rmSync(scratch, { recursive: true, force: true });
    });

    it('never serves a note outside the folder, by id, by URI or through a link', async () => {
      const listed = await callJson<Listed>(client, 'list_sessions', {});
      assert.ok(listed.total > 0);
      assert.ok(listed.sessions.every((session) => session.conference !== 'Elsewhere Conf' && !session.file.startsWith('..')), 'a linked note is not read');
      for (const id of ['../outside.md#secret-talk', 'linked.md#secret-talk', `${pathToFileURL(join(scratch, 'outside.md')).href}#secret-talk`, 'kubecon/../../outside.md#secret-talk', '/etc/passwd']) {
        const { text, isError } = await call(client, 'get_session', { id });
        assert.equal(isError, true, id);
        assert.ok(!text.includes('Not for the assistant'), id);
      }
      for (const uri of ['conference-notes://report/../outside.md', 'conference-notes://report/%2E%2E/outside.md', 'conference-notes://report/linked.md', pathToFileURL(join(scratch, 'outside.md')).href]) {
        await assert.rejects(client.readResource({ uri }), /MCP error/, uri);
      }
    });

    it('caps the note text of a session', async () => {
      writeFileSync(join(folder, 'long.md'), `# Long Conf\n\n## Track\n\n### Long Talk\n\n${'All work and no play. '.repeat(2_000)}\n`);
      const session = await callJson<{ text: string; truncated: boolean }>(client, 'get_session', { id: 'long.md#long-talk' });
      assert.equal(session.text.length, MAX_NOTE_TEXT);
      assert.equal(session.truncated, true);
    });
  });

  describe('with --allow-edits', () => {
    let scratch: string;
    let client: Client;
    before(async () => {
      scratch = mkdtempSync(join(tmpdir(), 'conference-notes-mcp-edit-'));
      cpSync(examples, scratch, { recursive: true });
      client = await connect('--allow-edits', scratch);
    });
    after(async () => {
      await client.close();
      rmSync(scratch, { recursive: true, force: true });
    });

    it('sets a status as the tree does — one value changed, nothing else — by replacing the file in one step', async () => {
      assert.ok((await client.listTools()).tools.some((tool) => tool.name === 'set_status' && tool.annotations?.readOnlyHint === false));
      const file = join(scratch, 'kubecon-eu-2025', 'report.md');
      const before = readFileSync(file, 'utf8');
      const inode = statSync(file).ino;
      const id = 'kubecon-eu-2025/report.md#keynote-platform-teams-are-product-teams';
      const answer = await callJson<{ status: string }>(client, 'set_status', { id, status: 'attended' });
      assert.equal(answer.status, 'attended');

      const note = parseNote(before, { uri: pathToFileURL(file).href, pathSegments: ['kubecon-eu-2025', 'report.md'], options: DEFAULT_PARSE_OPTIONS });
      const session = note.sessions.find((candidate) => candidate.title === 'Keynote: Platform Teams Are Product Teams');
      assert.ok(session);
      const after = readFileSync(file, 'utf8');
      assert.equal(after, applyTextEdit(before, planStatusEdit(before, session, 'attended')));
      assert.equal(after, before.replace('- speakers: Hannah Lindqvist\n- status: watched', '- speakers: Hannah Lindqvist\n- status: attended'));
      assert.notEqual(statSync(file).ino, inode, 'a new file moved into place, not the note rewritten where it lies');
      assert.deepEqual(readdirSync(join(scratch, 'kubecon-eu-2025')), ['report.md'], 'no temporary file is left');
      assert.equal((await callJson<Listed>(client, 'list_sessions', { text: 'platform teams' })).sessions[0].status, 'attended');
      assert.equal((await call(client, 'set_status', { id: '../kubecon-eu-2025/report.md#x', status: 'skipped' })).isError, true);
    });
  });
});
