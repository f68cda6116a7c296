import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { Server, type ServerOptions } from 'socket.io';
import { type AppConfig, isHostAllowed, isOriginAllowed } from '../config/app-config.js';
import { preEncodedParser } from './pre-encoded-parser.js';

/** Small: a command is a few hundred bytes; nothing legitimate comes near this. */
export const MAX_SOCKET_MESSAGE_BYTES = 64 * 1024;

/**
 * Socket.IO with the server's policies: the Origin allow-list at the handshake, seed-era clients
 * (Engine.IO 3, socket.io-client 2.x) and a small message size limit. No connection state
 * recovery: it keeps two minutes of every broadcast in memory (at 1,000 games twice the memory per
 * socket, docs/PERFORMANCE.md), while a client that reconnects re-joins with `room` and gets the
 * whole state anyway.
 */
export class SlimsteIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly config: AppConfig,
    private readonly attach?: (server: Server) => void,
  ) {
    super(app);
  }

  // Built here (not by super) so the server is the socket.io this app depends on, on the HTTP port.
  // biome-ignore lint/suspicious/noExplicitAny: Nest types this with its own nested copy of socket.io
  override createIOServer(_port: number, options?: any): any {
    const config = this.config;
    const server = new Server(this.httpServer, {
      ...options,
      allowEIO3: true,
      // socket.io's parser, writing the broadcaster's pre-made JSON as it is.
      parser: preEncodedParser,
      maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
      allowRequest: (req, callback) => {
        if (!isHostAllowed(req.headers.host, config)) return callback('host not allowed', false);
        const allowed = isOriginAllowed(req.headers.origin, req.headers.host, config);
        callback(allowed ? null : 'origin not allowed', allowed);
      },
      cors: config.allowedOrigins
        ? { origin: config.allowedOrigins.includes('*') ? true : config.allowedOrigins, credentials: false }
        : undefined,
    } as ServerOptions);
    this.attach?.(server);
    return server;
  }

  /**
   * Nest binds a gateway's @SubscribeMessage handlers per socket through RxJS (and a `disconnect`
   * observable for each socket, kept as long as the socket lives: about 2 KiB a socket for the two
   * gateways on /games). Ours have none (they register their handlers with `socket.on`), so a socket
   * costs none of that.
   */
  // biome-ignore lint/suspicious/noExplicitAny: Nest types these with its own nested copy of socket.io
  override bindMessageHandlers(socket: any, handlers: any[], transform: any): void {
    if (handlers.length === 0) return;
    super.bindMessageHandlers(socket, handlers, transform);
  }
}
