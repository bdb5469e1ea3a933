/*
 * The bare socket.io broadcast server Hearth is compared with: the same
 * socket.io version and server options as Hearth's gateway (default
 * namespace, path /socket.io, maxHttpBufferSize 64 KB, default ping
 * settings), but no authentication, validation or database. `room:join`
 * joins, `message:send` acknowledges a message-shaped object and broadcasts
 * it as `message:new` to the room, sender included.
 *
 * Run by bench/chat/run.ts as a child process: PORT=… node dist/bench/chat/baseline-server.js
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Server, Socket } from 'socket.io';

type Ack = (res: unknown) => void;

export function startBaseline(port: number): Promise<() => Promise<void>> {
  const http = createServer((req, res) => {
    if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    res.writeHead(404).end();
  });
  const io = new Server(http, { path: '/socket.io', maxHttpBufferSize: 64 * 1024 });
  const lastSeq = new Map<string, number>();
  let anonymous = 0;

  io.on('connection', (socket: Socket) => {
    const n = ++anonymous;
    const author = { id: randomUUID(), username: `user${n}`, displayName: `User ${n}` };
    socket.on('room:join', (payload: { roomId?: unknown }, ack?: Ack) => {
      const roomId = String(payload?.roomId ?? '');
      void socket.join(`room:${roomId}`);
      if (typeof ack === 'function') ack({ ok: true, data: { roomId, lastSeq: lastSeq.get(roomId) ?? 0 } });
    });
    socket.on('message:send', (payload: { roomId?: unknown; clientMsgId?: unknown; body?: unknown }, ack?: Ack) => {
      const roomId = String(payload?.roomId ?? '');
      const seq = (lastSeq.get(roomId) ?? 0) + 1;
      lastSeq.set(roomId, seq);
      const message = {
        id: randomUUID(),
        roomId,
        seq,
        clientMsgId: String(payload?.clientMsgId ?? ''),
        author,
        body: String(payload?.body ?? ''),
        replyToId: null,
        createdAt: new Date().toISOString(),
        editedAt: null,
        deletedAt: null,
        hidden: false,
        reactions: [],
      };
      if (typeof ack === 'function') ack({ ok: true, data: message });
      io.to(`room:${roomId}`).emit('message:new', message);
    });
  });

  return new Promise((resolve) =>
    http.listen(port, '127.0.0.1', () =>
      resolve(
        () =>
          new Promise<void>((r) => {
            io.close();
            http.close(() => r());
          }),
      ),
    ),
  );
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 3100);
  void startBaseline(port).then(() => process.stdout.write(`baseline socket.io server on 127.0.0.1:${port}\n`));
}
