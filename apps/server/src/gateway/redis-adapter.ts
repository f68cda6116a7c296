import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Logger } from 'pino';
import { createClient } from 'redis';
import type { Server } from 'socket.io';

export interface RedisLink {
  attach(server: Server): void;
  /** Whether Redis answers now: while it does not, node-to-node deliveries are skipped, not queued. */
  readonly ready: boolean;
  /** Called each time Redis answers again after being lost. */
  onResume(listener: () => void): void;
  close(): Promise<void>;
}

/**
 * Reconnect at once and then every half second, for ever (node-redis would back off to 2 s and
 * give up on a socket timeout). The adapter's own reader and subscriber are duplicates of this
 * client and reconnect the same way, so all of them are back within about half a second.
 */
export const reconnectDelay = (retries: number) => Math.min(retries * 100, 500) + Math.floor(Math.random() * 100);

/**
 * With REDIS_URL, rooms and broadcasts span every server process (Redis streams keep connection
 * state recovery working across them). Connected before the Socket.IO server is made. When Redis
 * goes away each process keeps serving its own sockets; when it is back, the listeners of
 * `onResume` run (the gateway sends its sockets the state they may have missed).
 */
export async function connectRedis(url: string, logger: Logger): Promise<RedisLink> {
  const client = createClient({ url, socket: { reconnectStrategy: reconnectDelay } });
  const listeners: (() => void)[] = [];
  let lost = false;
  client.on('error', (err) => {
    if (!lost) logger.error({ err }, 'redis lost: each server serves its own sockets until it is back');
    lost = true;
  });
  client.on('ready', () => {
    if (!lost) return;
    lost = false;
    logger.warn('redis is back: broadcasts between servers resume');
    for (const listener of listeners) listener();
  });
  await client.connect();
  logger.info('socket.io uses the redis streams adapter');
  return {
    attach(server) {
      server.adapter(createAdapter(client, { streamName: 'slimste:socket.io' }));
    },
    get ready() {
      return client.isReady;
    },
    onResume(listener) {
      listeners.push(listener);
    },
    async close() {
      await client.quit().catch(() => undefined);
    },
  };
}
