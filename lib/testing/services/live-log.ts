// Live logs of the sandbox's built-in worker (Node only), served at <rootUrl>/_livelog/<key>:
// a GET streams what is written so far, then each new chunk, and ends when the log is closed.
import type { HttpHandler } from 'msw';
import { http } from 'msw/core/http';

interface Log {
  chunks: Buffer[];
  closed: boolean;
  readers: Set<ReadableStreamDefaultController<Uint8Array>>;
}

export interface LiveLogs {
  /** Start a log; its URL. */
  open(key: string): string;
  write(key: string, text: string): void;
  /** End a log (every reader's stream ends); everything it held. */
  close(key: string): Buffer;
  /** End every log, so that no reader holds the server open. */
  closeAll(): void;
  handlers(): HttpHandler[];
}

export const LOG_PREFIX = '/_livelog/';

function endReaders(log: Log): void {
  log.closed = true;
  for (const reader of log.readers) reader.close();
  log.readers.clear();
}

function stream(log: Log): ReadableStream<Uint8Array> {
  let self: ReadableStreamDefaultController<Uint8Array>;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      self = controller;
      for (const chunk of log.chunks) controller.enqueue(new Uint8Array(chunk));
      if (log.closed) controller.close();
      else log.readers.add(controller);
    },
    cancel() {
      log.readers.delete(self);
    },
  });
}

/** Live logs under `<rootUrl>/_livelog/`. */
export function createLiveLogs(rootUrl: string): LiveLogs {
  const logs = new Map<string, Log>();
  const isLog = ({ request }: { request: Request }) =>
    new URL(request.url).pathname.startsWith(LOG_PREFIX);
  return {
    open(key) {
      logs.set(key, { chunks: [], closed: false, readers: new Set() });
      return `${rootUrl}${LOG_PREFIX}${key}`;
    },
    write(key, text) {
      const log = logs.get(key);
      if (!log || log.closed) return;
      const chunk = Buffer.from(text);
      log.chunks.push(chunk);
      for (const reader of log.readers) reader.enqueue(new Uint8Array(chunk));
    },
    close(key) {
      const log = logs.get(key);
      if (!log) return Buffer.alloc(0);
      endReaders(log);
      return Buffer.concat(log.chunks);
    },
    closeAll: () => {
      logs.forEach(endReaders);
    },
    handlers: () => [
      http.get(isLog, ({ request }) => {
        const log = logs.get(
          decodeURIComponent(new URL(request.url).pathname.slice(LOG_PREFIX.length)),
        );
        if (!log) return new Response('no such live log', { status: 404 });
        return new Response(stream(log), {
          headers: { 'content-type': 'text/plain; charset=utf-8' },
        });
      }),
    ],
  };
}
