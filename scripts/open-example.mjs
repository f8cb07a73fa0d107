// `npm start` (after the build): opens examples/ in VS Code with this extension loaded as development
// extension. With a desktop `code` on PATH that is simply `code --extensionDevelopmentPath=…`; otherwise
// the real VS Code server starts on 127.0.0.1 (scripts/vscode-server.mjs) and prints the URL to open in a
// browser on this machine, until Ctrl+C. PORT picks the port (default: any free one).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createCleanup, repoRoot, startServer, workbenchUrl } from './vscode-server.mjs';

const examplesDir = join(repoRoot, 'examples');
const shell = process.platform === 'win32'; // `code` is a .cmd script there

function hasDesktopCode() {
  const probe = spawnSync('code', ['--version'], { stdio: 'ignore', shell });
  return !probe.error && probe.status === 0;
}

if (hasDesktopCode()) {
  const code = spawn('code', [`--extensionDevelopmentPath=${repoRoot}`, examplesDir], { stdio: 'inherit', shell });
  code.on('exit', (exitCode) => process.exit(exitCode ?? 1));
} else {
  const cleanup = createCleanup();
  const serverTail = [];
  try {
    const server = await startServer({
      cleanup,
      port: Number(process.env.PORT) || undefined,
      onOutput: (line) => serverTail.push(line),
    });
    console.log('No desktop VS Code (`code`) on PATH: started the VS Code server with Conference Notes');
    console.log('(development build) and the examples/ folder. Open in a browser on this machine:\n');
    console.log(`  ${workbenchUrl(server, { target: examplesDir, extensionDevelopmentPaths: [repoRoot] })}\n`);
    console.log('After `npm run build` (or with `npm run watch` running), reload the page. Ctrl+C stops the server.');
    const reason = await server.unexpectedExit;
    console.error(`The VS Code server exited (${reason}):\n${serverTail.slice(-40).join('\n')}`);
    process.exitCode = 1;
  } catch (error) {
    // A failed setup's message is its one-line verdict (what failed, how to fix it); the server may not have started.
    if (serverTail.length) console.error(serverTail.slice(-40).join('\n'));
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    await cleanup.run();
  }
}
