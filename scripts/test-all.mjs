// `npm test`: every check and test suite in order, with their output streamed, then a per-suite summary
// and, as the very last line, `N passed, N failed` (`, N skipped` when tests were skipped). Mocha suites are
// counted from mocha's own "N passing / N failing / N pending" lines; pending tests — those that need the notes
// in ../shared (the seed report, the corpus) when it is absent — are reported as skipped, in the table and the
// last line, never silently and never as failures;
// every other step counts as one check. A suite that fails without printing a count counts one failure.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './vscode-server.mjs';

const bin = (name) => join(repoRoot, 'node_modules/.bin', name);

/** `counts: 'mocha'` reads mocha's totals from the output; `needs` names a step whose failure makes
 *  running this one pointless (it is then reported as one failure, not run). */
const suites = [
  { name: 'typecheck', command: [bin('tsc'), '-p', '.', '--noEmit'] },
  { name: 'typecheck webview', command: [bin('tsc'), '-p', 'src/webview', '--noEmit'] },
  { name: 'lint', command: [bin('eslint'), 'src', 'test', 'scripts', 'bench'] },
  { name: 'unit', command: [bin('mocha')], counts: 'mocha' },
  { name: 'build', command: [process.execPath, 'scripts/build.mjs'] },
  { name: 'extension host', command: [bin('vscode-test')], counts: 'mocha', needs: 'build' },
  { name: 'ui', command: [process.execPath, 'test/ui/run.mjs'], counts: 'mocha', needs: 'build' },
  { name: 'web worker', command: [process.execPath, 'test/web/run.mjs'], counts: 'mocha', needs: 'build' },
  // Last: packaging replaces dist/ with the production bundles the checks measure and install.
  { name: 'package', command: ['npm', 'run', '--silent', 'package'] },
  { name: 'package checks', command: [process.execPath, 'scripts/package-check.mjs'], counts: 'mocha', needs: 'package' },
];

// eslint-disable-next-line no-control-regex -- matching the terminal's colour escapes is the point
const ansiEscape = /\u001b\[[0-9;]*m/g;
const mochaTotal = /^\s*(\d+) (passing|failing|pending)\b/;

/** Runs one suite with its output streamed through, collecting mocha's totals on the way. */
function run(suite) {
  return new Promise((resolveRun) => {
    const totals = { passing: 0, failing: 0, pending: 0, seen: false };
    const child = spawn(suite.command[0], suite.command.slice(1), { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const scan = (stream, sink) => {
      let pending = '';
      stream.on('data', (chunk) => {
        sink.write(chunk);
        const lines = (pending + chunk.toString('utf8')).split('\n');
        pending = lines.pop();
        for (const line of lines) {
          const total = mochaTotal.exec(line.replace(ansiEscape, ''));
          if (total) {
            // Summed: one suite may run several mocha runs (test-cli runs one per configuration).
            totals[total[2]] += Number(total[1]);
            totals.seen = true;
          }
        }
      });
    };
    scan(child.stdout, process.stdout);
    scan(child.stderr, process.stderr);
    child.on('error', (error) => {
      console.error(`${suite.name}: ${error.message}`);
      resolveRun({ exitCode: 1, totals });
    });
    child.on('close', (code, signal) => resolveRun({ exitCode: code ?? signal, totals }));
  });
}

/** Passed/failed counts for one finished suite, and a note when the numbers alone would mislead. */
function score(suite, { exitCode, totals }) {
  if (suite.counts !== 'mocha') return exitCode === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1, note: `exit ${exitCode}` };
  if (!totals.seen) return { passed: 0, failed: 1, note: `no test count printed (exit ${exitCode})` };
  const counts = { passed: totals.passing, failed: totals.failing, skipped: totals.pending };
  // A runner that crashes after its tests passed still fails the suite.
  if (exitCode !== 0 && counts.failed === 0) return { ...counts, failed: 1, note: `exit ${exitCode} after all tests passed` };
  return counts;
}

const results = [];
const startedAll = Date.now();
for (const suite of suites) {
  const blocker = suite.needs && results.find((result) => result.name === suite.needs && result.failed > 0);
  if (blocker) {
    results.push({ name: suite.name, passed: 0, failed: 1, note: `not run: ${suite.needs} failed`, seconds: 0 });
    continue;
  }
  console.log(`\n=== ${suite.name}: ${suite.command.map((part) => part.replace(`${repoRoot}/`, '')).join(' ')}`);
  const started = Date.now();
  const outcome = await run(suite);
  results.push({ name: suite.name, ...score(suite, outcome), seconds: (Date.now() - started) / 1000 });
}

const table = [['suite', 'passed', 'failed', 'skipped', 'time', ''], ...results.map((result) => [
  result.name, String(result.passed), String(result.failed), String(result.skipped ?? 0), `${result.seconds.toFixed(1)} s`, result.note ?? '',
])];
const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
console.log('\n=== summary');
for (const row of table) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
const passed = results.reduce((sum, result) => sum + result.passed, 0);
const failed = results.reduce((sum, result) => sum + result.failed, 0);
console.log(`total time ${((Date.now() - startedAll) / 1000).toFixed(1)} s`);
const skipped = results.reduce((sum, result) => sum + (result.skipped ?? 0), 0);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
