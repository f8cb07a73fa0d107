// An HTTP server on 127.0.0.1 (a free port) that serves schedule fixtures the way conference sites do, and the
// answers a schedule download must survive: a server that never answers, an endless body, a 404 and a web page.
// Used by the CLI's unit tests and the extension-host tests alike (both run in Node).
import { readFileSync } from 'node:fs';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';

export interface ScheduleServer {
  /** The address of `path` on this server. */
  url(path: string): string;
  /** Serves the fixture (a file of the fixtures folder) at `path` from now on; again with another for a newer version. */
  serve(path: string, fixture: string, contentType: string): void;
  /** The paths asked for, in order. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/** Paths with fixed behaviour. */
export const SLOW_PATH = '/slow/schedule.xml';
export const HUGE_PATH = '/huge/schedule.json';
export const MISSING_PATH = '/missing/schedule.xml';
export const WEB_PAGE_PATH = '/conference/schedule/';

/** Bytes the endless body sends before it stops by itself: more than any size cap under test. */
const HUGE_BODY_BYTES = 24 * 1024 * 1024;

function sendHuge(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  const pump = () => {
    while (sent < HUGE_BODY_BYTES && !response.destroyed) {
      sent += chunk.length;
      if (!response.write(chunk)) return void response.once('drain', pump);
    }
    response.end();
  };
  pump();
}

/** `fixtures`: the folder of schedule fixtures (the caller knows where it is: the extension-host tests run bundled). */
export async function startScheduleServer(fixtures: string): Promise<ScheduleServer> {
  const routes = new Map<string, { text: string; contentType: string }>();
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push(path);
    const route = routes.get(path);
    if (route) {
      response.writeHead(200, { 'content-type': route.contentType, 'content-length': Buffer.byteLength(route.text) });
      response.end(route.text);
    } else if (path === SLOW_PATH) {
      // Never answers: the client's timeout has to end the wait (the socket is destroyed on close).
    } else if (path === HUGE_PATH) {
      sendHuge(response);
    } else if (path === WEB_PAGE_PATH) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><html><body><h1>Schedule</h1></body></html>');
    } else {
      response.writeHead(404, 'Not Found', { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    serve: (path, fixture, contentType) => routes.set(path, { text: readFileSync(join(fixtures, fixture), 'utf8'), contentType }),
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
