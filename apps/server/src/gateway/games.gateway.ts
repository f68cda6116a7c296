import { Inject } from '@nestjs/common';
import {
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { Actor } from '@slimste/engine';
import {
  clientCommandSchema,
  GAMES_NAMESPACE,
  gameIdSchema,
  roomPayloadSchema,
  toEngineCommand,
} from '@slimste/protocol';
import type { Logger } from 'pino';
import type { Namespace, Socket } from 'socket.io';
import { addressGroup, requestAddress, type TrustProxy } from '../common/address-group.js';
import { isStorageUnavailable, STORAGE_UNAVAILABLE, STORAGE_UNAVAILABLE_MESSAGE } from '../common/storage-errors.js';
import { TokenBucket } from '../common/token-bucket.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { LOGGER } from '../logging/logger.js';
import { AnnouncementService } from '../services/announcement.service.js';
import { GameChangeBus } from '../services/game-change-bus.js';
import { GamesService } from '../services/games.service.js';
import { AddressLimits } from './address-limits.js';
import { GameBroadcaster } from './game-broadcaster.js';
import { audienceRoom, membershipsOf, rooms } from './memberships.js';
import { RtcRelay } from './rtc-relay.js';

type Ack = (reply: unknown) => void;
type ErrorReply = { ok: false; error: { code: string; message: string } };

/** An event's overview screen follows a few dozen games; more from one socket is a leak or an attack. */
export const MAX_GAMES_PER_SOCKET = 50;

const fail = (code: string, message: string): ErrorReply => ({ ok: false, error: { code, message } });

/** Splits socket.io's handler arguments into the payload and the optional acknowledgement. */
function payloadAndAck(args: unknown[]): { payload: unknown; ack: Ack } {
  const last = args[args.length - 1];
  const ack = typeof last === 'function' ? (last as Ack) : () => {};
  const payload = typeof last === 'function' ? args.slice(0, -1)[0] : args[0];
  return { payload, ack };
}

function firstIssue(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid payload';
  return `${issue.path.length ? `${issue.path.map(String).join('.')}: ` : ''}${issue.message}`;
}

/**
 * The /games namespace: `room` (join), `leave`, `command`, `time`. The gateway checks who is asking
 * and what they sent; the games service decides; the broadcaster tells every audience.
 */
@WebSocketGateway({ namespace: GAMES_NAMESPACE })
export class GamesGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  constructor(
    private readonly games: GamesService,
    private readonly bus: GameChangeBus,
    private readonly announcements: AnnouncementService,
    private readonly broadcaster: GameBroadcaster,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    const { max, perSecond, burst } = config.addressSockets;
    this.addressLimits = new AddressLimits({ maxSockets: max, perSecond, burst });
  }

  private namespace: Namespace | null = null;
  private readonly addressLimits: AddressLimits;
  /** The game's call (issue 11): `rtc.join`, `rtc`, `rtc.mute`. */
  private readonly rtc = new RtcRelay(() => this.namespace);
  /** Express's `trust proxy`, so a socket's address is found as an HTTP request's (useTrustProxy). */
  private trust: TrustProxy = () => false;

  useTrustProxy(trust: TrustProxy): void {
    this.trust = trust;
  }

  afterInit(namespace: Namespace) {
    this.namespace = namespace;
    // A venue's phones share one address: the cap is generous, but 3,000 sockets from one are not a venue.
    namespace.use((socket, next) => {
      const address = addressGroup(requestAddress(socket.request, this.trust));
      if (!this.addressLimits.admit(address)) {
        const max = this.config.addressSockets.max;
        const error = new Error(`too many connections from this address (at most ${max})`) as Error & {
          data: unknown;
        };
        error.data = { code: 'too_many_connections', message: error.message };
        return next(error);
      }
      (socket.data as { address?: string }).address = address;
      socket.once('disconnect', () => this.addressLimits.release(address));
      next();
    });
    this.broadcaster.attach(namespace, this.config.redisUrl !== null);
    this.broadcaster.onExpel((gameId, playerId) => this.rtc.expel(gameId, playerId));
    this.bus.subscribe((change) => this.broadcaster.publish(change));
    this.announcements.useSender((announcement) => namespace.emit('announcement', announcement));
  }

  handleConnection(socket: Socket) {
    // Default 20 messages a second, bursts of 40: plenty for a quizmaster, a wall for a flood.
    const bucket = new TokenBucket(this.config.socketRate.perSecond, this.config.socketRate.burst);
    const address = (socket.data as { address?: string }).address ?? '';
    socket.use((packet, next) => {
      // The socket's own budget, then its address's (shared by all its sockets).
      if (bucket.take() && this.addressLimits.take(address)) return next();
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function') ack(fail('rate_limited', 'too many messages; slow down'));
    });
    this.on(socket, 'room', (payload, ack) => this.join(socket, payload, ack));
    this.on(socket, 'leave', (payload, ack) => this.leave(socket, payload, ack));
    this.on(socket, 'command', (payload, ack) => this.command(socket, payload, ack));
    this.on(socket, 'time', (_payload, ack) => ack(Date.now()));
    this.on(socket, 'rtc.join', (payload, ack) => this.rtc.join(socket, payload, ack));
    this.on(socket, 'rtc', (payload, ack) => this.rtc.relay(socket, payload, ack));
    this.on(socket, 'rtc.mute', (payload, ack) => this.rtc.mute(socket, payload, ack));
    this.logger.debug({ socketId: socket.id }, 'socket connected');
  }

  /**
   * Sends every socket of this process the current state of each game it is in (read from the
   * shared database): after Redis was lost, changes made on other nodes meanwhile never reached
   * them. One read per game, one frame per socket and game.
   */
  async resendStates(): Promise<void> {
    const ns = this.namespace;
    if (!ns) return;
    const byGame = new Map<string, Socket[]>();
    for (const socket of ns.sockets.values()) {
      for (const gameId of Object.keys(membershipsOf(socket))) {
        const sockets = byGame.get(gameId);
        if (sockets) sockets.push(socket);
        else byGame.set(gameId, [socket]);
      }
    }
    for (const [gameId, sockets] of byGame) {
      try {
        for (const socket of sockets) {
          const role = membershipsOf(socket)[gameId];
          const state = role && socket.connected ? await this.games.state(gameId, role) : null;
          if (state) socket.emit('state', state);
        }
      } catch (err) {
        this.logger.warn({ err, gameId }, 'could not send a game its state again');
      }
    }
    this.logger.info({ games: byGame.size }, "sent every socket its games' state again");
  }

  handleDisconnect(socket: Socket) {
    this.logger.debug({ socketId: socket.id }, 'socket disconnected');
    this.rtc
      .disconnected(socket)
      .catch((err: unknown) => this.logger.warn({ err }, 'could not tell the call a peer left'));
  }

  /**
   * Every handler is fenced: a throw becomes an ack, never a crash: `storage_unavailable` when the
   * database refused (a join reads it), else `internal_error`.
   */
  private on(socket: Socket, event: string, handler: (payload: unknown, ack: Ack) => Promise<void> | void) {
    socket.on(event, async (...args: unknown[]) => {
      const { payload, ack } = payloadAndAck(args);
      try {
        await handler(payload, ack);
      } catch (err) {
        if (isStorageUnavailable(err)) {
          this.logger.warn({ err, event, socketId: socket.id }, 'storage unavailable');
          return ack(fail(STORAGE_UNAVAILABLE, STORAGE_UNAVAILABLE_MESSAGE));
        }
        this.logger.error({ err, event, socketId: socket.id }, 'socket handler failed');
        ack(fail('internal_error', 'internal error'));
      }
    });
  }

  private async join(socket: Socket, payload: unknown, ack: Ack) {
    const parsed = roomPayloadSchema.safeParse(payload);
    if (!parsed.success) return ack(fail('invalid_payload', firstIssue(parsed.error)));
    const request = typeof parsed.data === 'string' ? { gameId: parsed.data } : parsed.data;
    const { gameId } = request;
    const token = 'token' in request ? request.token : undefined;
    const events = 'events' in request && request.events === true;
    const memberships = membershipsOf(socket);
    const tooMany = () => !memberships[gameId] && Object.keys(memberships).length >= MAX_GAMES_PER_SOCKET;
    const tooManyError = fail(
      'too_many_games',
      `one socket may join at most ${MAX_GAMES_PER_SOCKET} games; leave one first`,
    );
    if (tooMany()) return ack(tooManyError);
    const role = await this.games.authorize(gameId, token);
    if (!('role' in role)) return ack(fail(role.code, role.message));
    // Checked again after the wait: joins in flight may have filled the socket up, or it went away
    // (a socket that has disconnected must not be put back in any room).
    if (!socket.connected) return;
    if (tooMany()) return ack(tooManyError);
    const previous = memberships[gameId];
    // Another role (a spectator becoming the host): the old role's place in the call goes.
    if (previous && previous.role !== role.role) await this.rtc.leave(socket, gameId);
    if (previous) {
      await socket.leave(audienceRoom(gameId, previous));
      await socket.leave(rooms.screens(gameId));
      await socket.leave(rooms.events(audienceRoom(gameId, previous)));
      await socket.leave(rooms.anyEvents(gameId));
    }
    memberships[gameId] = role;
    const audience = audienceRoom(gameId, role);
    await socket.join([
      rooms.game(gameId),
      audience,
      ...(events ? [rooms.events(audience), rooms.anyEvents(gameId)] : []),
      ...(role.role === 'screen' ? [rooms.screens(gameId)] : []),
    ]);
    const state = await this.games.state(gameId, role);
    const playerId = role.role === 'player' ? role.playerId : undefined;
    ack({ ok: true, gameId, role: role.role, ...(playerId ? { playerId } : {}) });
    if (state) socket.emit('state', state);
    // Debug, not info: a big event joins thousands of sockets in a minute.
    this.logger.debug({ gameId, role: role.role, playerId, socketId: socket.id }, 'socket joined game');
  }

  private async leave(socket: Socket, payload: unknown, ack: Ack) {
    const parsed = gameIdSchema.safeParse(payload);
    if (!parsed.success) return ack(fail('invalid_payload', firstIssue(parsed.error)));
    const memberships = membershipsOf(socket);
    const role = memberships[parsed.data];
    if (!role) return ack(fail('not_in_game', 'this socket has not joined that game'));
    await this.rtc.leave(socket, parsed.data);
    delete memberships[parsed.data];
    await socket.leave(audienceRoom(parsed.data, role));
    await socket.leave(rooms.events(audienceRoom(parsed.data, role)));
    await socket.leave(rooms.anyEvents(parsed.data));
    await socket.leave(rooms.screens(parsed.data));
    await socket.leave(rooms.game(parsed.data));
    ack({ ok: true });
  }

  private async command(socket: Socket, payload: unknown, ack: Ack) {
    const parsed = clientCommandSchema.safeParse(payload);
    if (!parsed.success) return ack(fail('invalid_command', firstIssue(parsed.error)));
    const memberships = membershipsOf(socket);
    const joined = Object.keys(memberships);
    const gameId = parsed.data.gameId ?? (joined.length === 1 ? joined[0] : undefined);
    if (!gameId) {
      return ack(
        joined.length
          ? fail('game_required', 'this socket is in several games: name the gameId in the command')
          : fail('not_in_game', 'join a game with `room` first'),
      );
    }
    const role = memberships[gameId];
    if (!role) return ack(fail('not_in_game', 'this socket has not joined that game'));
    if (role.role === 'spectator' || role.role === 'screen') {
      return ack(fail('forbidden', `${role.role === 'screen' ? 'the screen' : 'spectators'} cannot send commands`));
    }
    const actor: Actor = role.role === 'host' ? { role: 'host' } : { role: 'player', playerId: role.playerId };
    const result = await this.games.execute(gameId, actor, toEngineCommand(parsed.data));
    if (!result.ok) return ack(fail(result.error.code, result.error.message));
    ack({ ok: true, version: result.version });
  }
}
