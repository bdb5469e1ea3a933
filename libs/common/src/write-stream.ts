import type { Response } from 'express';

/**
 * Writes chunks to the response as they come, waiting for the socket to drain
 * (so a slow client never makes us buffer a whole export), and stops early when
 * the client goes away — or stops reading for `stallMs`, so a client that holds
 * the connection open without reading cannot hold a database connection forever.
 * Headers are already set by the caller.
 */
export async function writeStream(res: Response, chunks: AsyncIterable<string>, { stallMs = 60_000 } = {}): Promise<void> {
  let closed = false;
  let wake: (() => void) | null = null;
  const onClose = () => {
    closed = true;
    wake?.();
  };
  const onDrain = () => wake?.();
  res.on('close', onClose);
  res.on('drain', onDrain);
  try {
    for await (const chunk of chunks) {
      if (closed) return;
      if (!res.write(chunk)) {
        let stalled = false;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            stalled = true;
            resolve();
          }, stallMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
        if (stalled) {
          res.destroy();
          return;
        }
      }
      if (closed) return;
    }
    res.end();
  } catch (e) {
    // Headers are gone: all we can do is cut the response so the client sees it incomplete.
    res.destroy(e as Error);
  } finally {
    res.off('close', onClose);
    res.off('drain', onDrain);
  }
}
