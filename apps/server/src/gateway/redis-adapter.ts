import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Logger } from 'pino';
import { createClient } from 'redis';
import type { Server } from 'socket.io';

export interface RedisLink {
  attach(server: Server): void;
  close(): Promise<void>;
}

/**
 * With REDIS_URL, rooms and broadcasts span every server process (Redis streams keep connection
 * state recovery working across them). Connected before the Socket.IO server is made.
 */
export async function connectRedis(url: string, logger: Logger): Promise<RedisLink> {
  const client = createClient({ url });
  client.on('error', (err) => logger.error({ err }, 'redis error'));
  await client.connect();
  logger.info('socket.io uses the redis streams adapter');
  return {
    attach(server) {
      server.adapter(createAdapter(client, { streamName: 'slimste:socket.io' }));
    },
    async close() {
      await client.quit().catch(() => undefined);
    },
  };
}
