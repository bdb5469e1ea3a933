import type { HistogramData } from '../lib/stats';

/** Messages between bench/chat/run.ts and its load-generator processes (bench/chat/worker.ts). */

export interface RoomAssignment {
  roomId: string;
  /** Indexes into this worker's socket list, one per member; bit i of a delivery mask is member i. */
  sockets: number[];
}

export type WorkerCommand =
  | { cmd: 'connect'; id: number; url: string; tokens: string[]; concurrency: number; timeoutMs: number; origin?: string }
  | { cmd: 'join'; id: number; joins: Array<{ socket: number; roomId: string }>; concurrency: number }
  | {
      cmd: 'run';
      id: number;
      mode: 'open' | 'closed';
      tag: string;
      /** Epoch ms (performance.timeOrigin + performance.now()) at which sending starts, the same for every worker. */
      startAt: number;
      /** Open loop: messages per second from this worker, at a fixed schedule. */
      rate: number;
      /** Closed loop: outstanding (unacknowledged) sends per room. */
      inflightPerRoom: number;
      /** Closed loop: deliveries before startAt + warmupMs are not counted. */
      warmupMs: number;
      durationMs: number;
      drainMs: number;
      ackTimeoutMs: number;
      bodyLength: number;
      rooms: RoomAssignment[];
    }
  | { cmd: 'disconnect'; id: number }
  | { cmd: 'exit' };

export interface ConnectResult {
  connected: number;
  failed: number;
  firstError?: string;
  ms: number;
}

export interface JoinResult {
  joined: number;
  failed: number;
  firstError?: string;
}

export interface RunResult {
  /** Sends the schedule asked for (open loop) or made (closed loop). */
  scheduled: number;
  sent: number;
  acked: number;
  sendErrors: number;
  errorSample?: string;
  ackTimeouts: number;
  /** Sends with neither an acknowledgement nor an error when the drain ended. */
  unresolved: number;
  /** Deliveries of this run's messages (each member, each message). */
  delivered: number;
  /** Closed loop: deliveries received inside the measuring window. */
  deliveredInWindow: number;
  ackedInWindow: number;
  /** Acknowledged messages × members that never arrived (after draining). */
  lost: number;
  /** A member received the same message twice. */
  duplicated: number;
  /** Deliveries of messages this run did not send, or to a socket not in the message's room. */
  unexpected: number;
  /** Sockets that disconnected during the run. */
  disconnects: number;
  /** How late the sender loop fell behind its schedule at worst (ms). */
  maxSendLagMs: number;
  latency: HistogramData;
  ackLatency: HistogramData;
  /** Wall time from startAt to the last delivery. */
  spanMs: number;
}

export type WorkerReply =
  | { id: number; ok: true; result: ConnectResult | JoinResult | RunResult | null }
  | { id: number; ok: false; error: string };
