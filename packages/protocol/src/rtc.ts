import { z } from 'zod';
import { gameIdSchema } from './socket.js';

/**
 * Play from home (issue 11): the game is its own call. Every host, player and screen socket that
 * wants the faces sends `rtc.join`; the peers then call each other directly (WebRTC, a mesh) and
 * the server only relays their signalling, `rtc`, inside the game, between members. Spectators
 * (the bare game id) take no part: they can neither send nor receive any of it.
 */

/** The most bytes of one SDP (an offer or answer of two tracks is 3-6 KB). */
export const RTC_SDP_MAX = 16_384;
/** The most bytes of one ICE candidate line. */
export const RTC_CANDIDATE_MAX = 1024;

/**
 * A peer in a game's call: `host`, a player's id, or `screen:<id>` (one per TV socket). Bounded
 * like ids; no spaces or control characters.
 */
export const rtcPeerIdSchema = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(80, { error: 'at most 80 characters' })
  .regex(/^[\w:.-]+$/, { error: 'letters, digits, "_", ":", "." and "-" only' });

/** One call between two peers: the offerer names it, every answer and candidate carries it. */
const sessionSchema = z.string().min(1).max(64);

const sdpSchema = z.object({
  session: sessionSchema,
  sdp: z
    .string()
    .min(1)
    .max(RTC_SDP_MAX, { error: `an SDP of at most ${RTC_SDP_MAX} characters` }),
});

const candidateSchema = z.object({
  session: sessionSchema,
  candidate: z.string().max(RTC_CANDIDATE_MAX, { error: `a candidate of at most ${RTC_CANDIDATE_MAX} characters` }),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});

const rtcMessage = <K extends string, D extends z.ZodType>(kind: K, data: D) =>
  z.object({ gameId: gameIdSchema, to: rtcPeerIdSchema, kind: z.literal(kind), data });

/** `rtc` (client -> server): a signalling message for one peer of the same game. */
export const rtcPayloadSchema = z.discriminatedUnion('kind', [
  rtcMessage('offer', sdpSchema),
  rtcMessage('answer', sdpSchema),
  rtcMessage('candidate', candidateSchema),
  rtcMessage('bye', z.object({ session: sessionSchema.optional() })),
]);
export type RtcPayload = z.infer<typeof rtcPayloadSchema>;
export type RtcKind = RtcPayload['kind'];

/** `rtc` (server -> client): the same message, with the sender's peer id instead of the target's. */
export type RtcMessage = { gameId: string; from: string } & (
  | { kind: 'offer' | 'answer'; data: { session: string; sdp: string } }
  | {
      kind: 'candidate';
      data: {
        session: string;
        candidate: string;
        sdpMid?: string | null;
        sdpMLineIndex?: number | null;
        usernameFragment?: string | null;
      };
    }
  | { kind: 'bye'; data: { session?: string } }
);

/** `rtc.join` (client -> server): take part in the game's call. */
export const rtcJoinPayloadSchema = z.object({ gameId: gameIdSchema });

export type RtcRole = 'host' | 'player' | 'screen';
export interface RtcPeer {
  id: string;
  role: RtcRole;
}
/** `rtc.join`'s ack: this socket's own peer id and the peers already in the call. */
export interface RtcJoinReply {
  ok: true;
  gameId: string;
  self: string;
  peers: RtcPeer[];
}

/** `rtc.peer` (server -> client): a peer came into the call (`present: true`) or its last socket left. */
export interface RtcPeerMessage {
  gameId: string;
  peer: RtcPeer;
  present: boolean;
}

/** `rtc.mute` (client -> server, host only): the screen plays this player's sound, or not. */
export const rtcMutePayloadSchema = z.object({
  gameId: gameIdSchema,
  playerId: rtcPeerIdSchema,
  muted: z.boolean(),
});
export type RtcMutePayload = z.infer<typeof rtcMutePayloadSchema>;

/** `GET /api/games/{id}/ice`: what a browser passes to `new RTCPeerConnection(...)`. */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}
export interface IceConfig {
  iceServers: IceServer[];
  iceTransportPolicy: 'all' | 'relay';
}

/** `POST /api/games/{id}/screen`: the screen token, for the TV link (host only). */
export interface ScreenTokenReply {
  token: string;
}
