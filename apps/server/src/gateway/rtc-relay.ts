import { randomBytes } from 'node:crypto';
import {
  type RtcMessage,
  type RtcPeer,
  type RtcPeerMessage,
  type RtcRole,
  rtcJoinPayloadSchema,
  rtcMutePayloadSchema,
  rtcPayloadSchema,
} from '@slimste/protocol';
import type { Namespace, RemoteSocket, Socket } from 'socket.io';
import type { GameRole } from '../services/game-role.js';
import { membershipsOf, rooms } from './memberships.js';

type Ack = (reply: unknown) => void;
const fail = (code: string, message: string) => ({ ok: false, error: { code, message } });

/** The games whose call a socket joined and its peer id in each, kept in `socket.data`. */
type CallData = { rtc?: Record<string, string> };
type AnySocket = Socket | RemoteSocket<never, unknown>;

function callsOf(socket: AnySocket): Record<string, string> {
  const data = socket.data as CallData;
  if (!data.rtc) data.rtc = {};
  return data.rtc;
}

function rtcRole(role: GameRole | undefined): RtcRole | null {
  if (!role || role.role === 'spectator') return null;
  return role.role;
}

/**
 * Whether an SDP may send media: a section without a direction sends (`sendrecv` is the default),
 * so each `m=` section of a screen's answer must say `recvonly` or `inactive`.
 */
function sendsMedia(sdp: string): boolean {
  const sections = sdp.split(/\r?\n(?=m=)/).slice(1);
  return (
    sections.some((section) => !/^a=(recvonly|inactive)\s*$/m.test(section)) || /^a=(sendrecv|sendonly)\s*$/m.test(sdp)
  );
}

/**
 * Issue 11: the signalling of a game's call, relayed over the game's own rooms. A socket joins the
 * call with `rtc.join` (host, player or screen; never a spectator) and gets its peer id: `host`,
 * its player id, or `screen:<random>` per screen socket. `rtc` goes to the target peer's sockets
 * only, in the same game, with the sender's peer id as `from`; the sender's role is checked on
 * every message. Rooms, not socket ids, so it works across nodes with the Redis adapter.
 */
export class RtcRelay {
  constructor(private readonly namespace: () => Namespace | null) {}

  async join(socket: Socket, payload: unknown, ack: Ack): Promise<void> {
    const parsed = rtcJoinPayloadSchema.safeParse(payload);
    if (!parsed.success) return ack(fail('invalid_payload', 'expected { gameId }'));
    const { gameId } = parsed.data;
    const role = membershipsOf(socket)[gameId];
    if (!role) return ack(fail('not_in_game', 'join the game with `room` first'));
    const kind = rtcRole(role);
    if (!kind) return ack(fail('forbidden', "spectators take no part in the game's call"));
    const calls = callsOf(socket);
    const self = calls[gameId] ?? peerIdOf(role);
    calls[gameId] = self;
    await socket.join([rooms.rtc(gameId), rooms.rtcPeer(gameId, self)]);
    const peers = await this.peers(gameId, socket.id, self);
    ack({ ok: true, gameId, self, peers });
    const message: RtcPeerMessage = { gameId, peer: { id: self, role: kind }, present: true };
    socket.to(rooms.rtc(gameId)).emit('rtc.peer', message);
  }

  async relay(socket: Socket, payload: unknown, ack: Ack): Promise<void> {
    const parsed = rtcPayloadSchema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.map(String).join('.')}: ` : '';
      return ack(fail('invalid_payload', `${where}${issue?.message ?? 'invalid payload'}`));
    }
    const { gameId, to, kind, data } = parsed.data;
    const role = membershipsOf(socket)[gameId];
    if (!role) return ack(fail('not_in_game', 'this socket has not joined that game'));
    if (!rtcRole(role)) return ack(fail('forbidden', "spectators take no part in the game's call"));
    const self = callsOf(socket)[gameId];
    if (!self) return ack(fail('not_in_call', 'join the call with `rtc.join` first'));
    if (role.role === 'screen') {
      if (kind === 'offer') return ack(fail('forbidden', 'the screen only receives: it may answer, never offer'));
      if (kind === 'answer' && sendsMedia(data.sdp)) {
        return ack(fail('forbidden', "the screen's answer must not send media (recvonly or inactive only)"));
      }
    }
    if (to === self) return ack(fail('invalid_payload', 'to: a peer cannot signal itself'));
    const message = { gameId, from: self, kind, data } as RtcMessage;
    socket.to(rooms.rtcPeer(gameId, to)).emit('rtc', message);
    ack({ ok: true });
  }

  /** The host mutes a player's sound on the screen (and unmutes it): every peer of the call hears it. */
  mute(socket: Socket, payload: unknown, ack: Ack): void {
    const parsed = rtcMutePayloadSchema.safeParse(payload);
    if (!parsed.success) return ack(fail('invalid_payload', 'expected { gameId, playerId, muted }'));
    const { gameId, playerId, muted } = parsed.data;
    const role = membershipsOf(socket)[gameId];
    if (!role) return ack(fail('not_in_game', 'this socket has not joined that game'));
    if (role.role !== 'host') return ack(fail('forbidden', 'only the host mutes a player on the screen'));
    this.namespace()?.to(rooms.rtc(gameId)).emit('rtc.mute', { gameId, playerId, muted });
    ack({ ok: true });
  }

  /** The socket leaves the game (or joins it again in another role): it leaves the call too. */
  async leave(socket: Socket, gameId: string): Promise<void> {
    const calls = callsOf(socket);
    const self = calls[gameId];
    if (!self) return;
    delete calls[gameId];
    await socket.leave(rooms.rtc(gameId));
    await socket.leave(rooms.rtcPeer(gameId, self));
    await this.goneIfLast(gameId, self, socket);
  }

  /** A socket went away: each call it was in hears that its peer left, unless another socket of that peer stays. */
  async disconnected(socket: Socket): Promise<void> {
    const calls = (socket.data as CallData).rtc;
    if (!calls) return;
    for (const [gameId, self] of Object.entries(calls)) await this.goneIfLast(gameId, self, socket);
  }

  /** A removed player: `bye` from them to every peer of the call, at once; their sockets leave it. */
  async expel(gameId: string, playerId: string): Promise<void> {
    const ns = this.namespace();
    if (!ns) return;
    const bye: RtcMessage = { gameId, from: playerId, kind: 'bye', data: {} };
    ns.to(rooms.rtc(gameId)).except(rooms.rtcPeer(gameId, playerId)).emit('rtc', bye);
    const gone: RtcPeerMessage = { gameId, peer: { id: playerId, role: 'player' }, present: false };
    ns.to(rooms.rtc(gameId)).except(rooms.rtcPeer(gameId, playerId)).emit('rtc.peer', gone);
    ns.in(rooms.rtcPeer(gameId, playerId)).socketsLeave([rooms.rtc(gameId), rooms.rtcPeer(gameId, playerId)]);
  }

  private async goneIfLast(gameId: string, self: string, socket: Socket): Promise<void> {
    const ns = this.namespace();
    if (!ns) return;
    const others = (await ns.in(rooms.rtcPeer(gameId, self)).fetchSockets()).filter((s) => s.id !== socket.id);
    if (others.length) return;
    const role = rtcRole(membershipsOf(socket)[gameId]) ?? (self.startsWith('screen:') ? 'screen' : 'player');
    const message: RtcPeerMessage = { gameId, peer: { id: self, role }, present: false };
    ns.to(rooms.rtc(gameId)).except(socket.id).emit('rtc.peer', message);
  }

  /** Who else is in the call, each peer once (a peer may have several sockets). */
  private async peers(gameId: string, socketId: string, self: string): Promise<RtcPeer[]> {
    const ns = this.namespace();
    if (!ns) return [];
    const found = new Map<string, RtcPeer>();
    for (const s of await ns.in(rooms.rtc(gameId)).fetchSockets()) {
      if (s.id === socketId) continue;
      const id = (s.data as CallData).rtc?.[gameId];
      const role = rtcRole((s.data as { games?: Record<string, GameRole> }).games?.[gameId]);
      if (id && role && id !== self) found.set(id, { id, role });
    }
    return [...found.values()];
  }
}

function peerIdOf(role: GameRole): string {
  if (role.role === 'host') return 'host';
  if (role.role === 'player') return role.playerId;
  return `screen:${randomBytes(6).toString('base64url')}`;
}
