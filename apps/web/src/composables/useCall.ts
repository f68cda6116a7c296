import type { IceConfig, RtcMessage, RtcPeer, RtcPeerMessage, RtcRole } from '@slimste/protocol';
import { type InjectionKey, inject, onBeforeUnmount, provide, type Ref, ref, type ShallowRef, shallowRef } from 'vue';
import { api } from '../lib/api';
import { callMediaChosen, chooseCallMedia } from '../lib/storage';
import type { GameSocket } from './useGameSocket';

/**
 * How long a description waits for its ICE candidates before it goes (later ones trickle, one
 * message each): most come in one message that way, well within the socket's message budget.
 */
const GATHER_WAIT_MS = 400;
/** A call that failed is tried again after this long (by the peer that offers). */
const RETRY_MS = 1000;
/** A call not connected after this long (a message lost on the way, the other side busy) starts over. */
const CONNECT_WITHIN_MS = 10_000;

export type CallMediaProblem = 'denied' | 'none' | 'unsupported';

/** What the faces on a page read: each peer's picture and sound, and whose sound the host muted on the TV. */
export interface Faces {
  /** The other peers' pictures and sound by peer id (`host`, a player's id); this device's own is `local`. */
  streams: ShallowRef<ReadonlyMap<string, MediaStream>>;
  /** The players whose sound the host turned off on the TV. */
  mutedOnScreen: Ref<ReadonlySet<string>>;
}

export interface Call extends Faces {
  /** This device's camera and microphone, once allowed (null: none, declined, or the screen). */
  local: ShallowRef<MediaStream | null>;
  /** This socket's peer id in the call. */
  self: Ref<string | null>;
  micOn: Ref<boolean>;
  camOn: Ref<boolean>;
  hasMic: Ref<boolean>;
  hasCam: Ref<boolean>;
  /** Why this device sends nothing (no camera, the user said no), for a line of text; null when it sends. */
  problem: Ref<CallMediaProblem | null>;
  /** Whether this device sends (not the screen) and has been asked to share its camera and microphone. */
  canShare: boolean;
  mediaAsked: Ref<boolean>;
  /** Shares this device's camera and microphone (the browser asks), and remembers it for next time. */
  startMedia(): Promise<MediaStream | null>;
  toggleMic(): void;
  toggleCam(): void;
  /** Host: turn a player's sound on the TV off or on again. */
  setScreenMute(playerId: string, muted: boolean): void;
  /** Stops the camera and every connection (a removed player, leaving the page). */
  stop(): void;
}

const FACES: InjectionKey<Faces> = Symbol('faces');

/**
 * A peer's picture, when a picture is coming: a video track that receives frames. (A received
 * track is there as soon as the peers are connected, sending or not, and `muted` until frames
 * arrive: without this check every tile would show a black box while nobody shares.)
 */
export function pictureOf(faces: Faces | null, peerId: string): MediaStream | null {
  const stream = faces?.streams.value.get(peerId);
  return stream?.getVideoTracks().some((t) => t.readyState === 'live' && !t.muted) ? stream : null;
}

/** The faces of the page's call, for the player tiles (nothing when the page has no call). */
export function useFaces(): Faces | null {
  return inject(FACES, null);
}

interface Link {
  pc: RTCPeerConnection;
  session: string;
  peer: RtcPeer;
  offerer: boolean;
  stream: MediaStream;
  sentDescription: boolean;
  retry?: ReturnType<typeof setTimeout>;
}

const randomSession = () => Math.random().toString(36).slice(2, 12) + Date.now().toString(36);

/**
 * The game as its own call (issue 11): every host, player and screen of the game sees and hears
 * the others, peer to peer (a mesh: a table has at most a few players). The signalling goes over
 * the game's socket (`rtc.join`, `rtc`, `rtc.peer`), joined again after every reconnect. One of
 * each pair offers (the one that is not the screen; between two senders the smaller peer id), with
 * an audio and a video transceiver both ways, so turning a camera on later needs no new offer. The
 * screen only receives. Without a camera, or when the user says no, the game goes on as before.
 */
export function useCall(
  game: GameSocket,
  gameId: string,
  token: string,
  options: { role: RtcRole; send?: boolean },
): Call {
  const sends = options.send ?? options.role !== 'screen';
  const streams = shallowRef<ReadonlyMap<string, MediaStream>>(new Map());
  const mutedOnScreen = ref<ReadonlySet<string>>(new Set());
  const local = shallowRef<MediaStream | null>(null);
  const self = ref<string | null>(null);
  const micOn = ref(true);
  const camOn = ref(true);
  const hasMic = ref(false);
  const hasCam = ref(false);
  const problem = ref<CallMediaProblem | null>(null);
  const links = new Map<string, Link>();
  let ice: IceConfig | null = null;
  /**
   * The ICE servers, asked once the server took the token (a removed player's phone asks nothing),
   * and again at each rejoin (fresh TURN credentials).
   */
  let iceAsked: Promise<void> | null = null;
  function askIce(): Promise<void> {
    return api.iceConfig(gameId, token).then(
      (config) => {
        ice = config;
      },
      () => {}, // without STUN/TURN: the local network only
    );
  }
  let stopped = false;
  const socket = game.socket;

  const setStream = (peerId: string, stream: MediaStream | null) => {
    const next = new Map(streams.value);
    if (stream) next.set(peerId, stream);
    else next.delete(peerId);
    streams.value = next;
  };

  const emit = (to: string, kind: RtcMessage['kind'], data: unknown) => {
    if (!stopped) socket.emit('rtc', { gameId, to, kind, data });
  };

  // The camera and microphone only once this device chose to share them (a button; remembered):
  // until then it receives the others. Refused or absent, the call still receives.
  const mediaAsked = ref(false);
  if (sends && callMediaChosen()) void startMedia();
  /** The user's "share my camera and microphone": asks the browser, and remembers the choice. */
  function startMedia(): Promise<MediaStream | null> {
    mediaAsked.value = true;
    chooseCallMedia(true);
    return openMedia();
  }
  async function openMedia(): Promise<MediaStream | null> {
    if (!navigator.mediaDevices?.getUserMedia) {
      problem.value = 'unsupported';
      return null;
    }
    // A mesh encodes each picture once per peer (up to 6 on a phone): small and calm is plenty for a face.
    const video = { width: { ideal: 480 }, height: { ideal: 360 }, frameRate: { ideal: 15, max: 20 } };
    const tries: MediaStreamConstraints[] = [{ video, audio: true }, { audio: true }, { video }];
    let denied = false;
    for (const constraints of tries) {
      try {
        const stream = await navigator.mediaDevices.getUserMedia(constraints);
        if (stopped) {
          for (const track of stream.getTracks()) track.stop();
          return null;
        }
        local.value = stream;
        hasMic.value = stream.getAudioTracks().length > 0;
        hasCam.value = stream.getVideoTracks().length > 0;
        problem.value = null;
        for (const link of links.values()) attachTracks(link);
        return stream;
      } catch (e) {
        if ((e as Error).name === 'NotAllowedError' || (e as Error).name === 'SecurityError') denied = true;
        if (denied) break;
      }
    }
    problem.value = denied ? 'denied' : 'none';
    return null;
  }

  /** This device's tracks into a link's transceivers (no new offer needed: they were made both ways). */
  function attachTracks(link: Link) {
    const stream = local.value;
    for (const transceiver of link.pc.getTransceivers()) {
      if (transceiver.currentDirection === 'stopped') continue;
      const kind = transceiver.receiver.track.kind;
      const track = stream?.getTracks().find((t) => t.kind === kind) ?? null;
      if (sends) void transceiver.sender.replaceTrack(track).catch(() => {});
    }
  }

  const offers = (peer: RtcPeer) =>
    options.role !== 'screen' && (peer.role === 'screen' || (self.value !== null && self.value < peer.id));

  function drop(peerId: string) {
    const link = links.get(peerId);
    if (!link) return;
    clearTimeout(link.retry);
    link.pc.close();
    links.delete(peerId);
    setStream(peerId, null);
  }

  function newLink(peer: RtcPeer, session: string, offerer: boolean): Link {
    drop(peer.id);
    const pc = new RTCPeerConnection({
      iceServers: ice?.iceServers ?? [],
      iceTransportPolicy: ice?.iceTransportPolicy ?? 'all',
      // One transport for sound and picture: half the candidates, one connection to check.
      bundlePolicy: 'max-bundle',
    });
    const link: Link = { pc, session, peer, offerer, stream: new MediaStream(), sentDescription: false };
    links.set(peer.id, link);
    pc.onicecandidate = (e) => {
      if (!e.candidate || !link.sentDescription || links.get(peer.id) !== link) return;
      const { candidate, sdpMid, sdpMLineIndex, usernameFragment } = e.candidate.toJSON();
      emit(peer.id, 'candidate', { session, candidate: candidate ?? '', sdpMid, sdpMLineIndex, usernameFragment });
    };
    pc.ontrack = (e) => {
      if (links.get(peer.id) !== link) return;
      link.stream.addTrack(e.track);
      // A new MediaStream object each time, so the tiles see the change: also when frames start or
      // stop coming (the peer shared or stopped its camera), which decides whether a face shows.
      const refresh = () => {
        if (links.get(peer.id) === link) setStream(peer.id, new MediaStream(link.stream.getTracks()));
      };
      e.track.addEventListener('unmute', refresh);
      e.track.addEventListener('mute', refresh);
      refresh();
    };
    pc.onconnectionstatechange = () => {
      if (links.get(peer.id) !== link) return;
      if (pc.connectionState === 'connected') clearTimeout(link.retry);
      if (pc.connectionState === 'failed' && link.offerer && !stopped) {
        clearTimeout(link.retry);
        link.retry = setTimeout(() => {
          if (links.get(peer.id) === link) void call(peer);
        }, RETRY_MS);
      }
    };
    return link;
  }

  /** Sends the local description once its candidates are gathered (or after a short wait). */
  async function sendDescription(link: Link, kind: 'offer' | 'answer') {
    const { pc } = link;
    if (pc.iceGatheringState !== 'complete') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, GATHER_WAIT_MS);
        pc.addEventListener('icegatheringstatechange', () => {
          if (pc.iceGatheringState === 'complete') {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    }
    if (links.get(link.peer.id) !== link || !pc.localDescription) return;
    link.sentDescription = true;
    emit(link.peer.id, kind, { session: link.session, sdp: pc.localDescription.sdp });
  }

  async function call(peer: RtcPeer) {
    const link = newLink(peer, randomSession(), true);
    const direction: RTCRtpTransceiverDirection = sends ? 'sendrecv' : 'recvonly';
    link.pc.addTransceiver('audio', { direction });
    link.pc.addTransceiver('video', { direction });
    attachTracks(link);
    link.retry = setTimeout(() => {
      if (links.get(peer.id) === link && link.pc.connectionState !== 'connected' && !stopped) void call(peer);
    }, CONNECT_WITHIN_MS);
    try {
      await link.pc.setLocalDescription(await link.pc.createOffer());
      await sendDescription(link, 'offer');
    } catch {
      drop(peer.id);
    }
  }

  async function answer(from: string, session: string, sdp: string, role: RtcRole) {
    const link = newLink({ id: from, role }, session, false);
    try {
      await link.pc.setRemoteDescription({ type: 'offer', sdp });
      for (const transceiver of link.pc.getTransceivers()) transceiver.direction = sends ? 'sendrecv' : 'recvonly';
      attachTracks(link);
      await link.pc.setLocalDescription(await link.pc.createAnswer());
      await sendDescription(link, 'answer');
    } catch {
      drop(from);
    }
  }

  const known = new Map<string, RtcPeer>();
  const meet = (peer: RtcPeer) => {
    known.set(peer.id, peer);
    if (offers(peer)) void call(peer);
    // Otherwise the other side offers; a link of the peer's earlier visit (a reload) goes.
    else drop(peer.id);
  };

  let joins = 0;
  /** The socket that is in the call: a `room` again on the same socket (the page shown again) changes nothing. */
  let inCallAs: string | null = null;
  async function joinCall() {
    if (stopped || (inCallAs !== null && inCallAs === socket.id)) return;
    inCallAs = socket.id ?? null;
    if (joins++ > 0 || !iceAsked) iceAsked = askIce();
    await iceAsked;
    socket.emit(
      'rtc.join',
      { gameId },
      (ack: { ok: true; self: string; peers: RtcPeer[] } | { ok: false; error: { code: string } }) => {
        if (!ack?.ok || stopped) {
          inCallAs = null;
          return;
        }
        self.value = ack.self;
        // The socket came back: every link starts over (the others see this peer arrive again).
        for (const id of [...links.keys()]) drop(id);
        for (const peer of ack.peers) meet(peer);
        if (options.role === 'host') resendMutes();
      },
    );
  }

  const onPeer = (m: RtcPeerMessage) => {
    if (m?.gameId !== gameId || stopped || m.peer.id === self.value) return;
    if (!m.present) {
      known.delete(m.peer.id);
      drop(m.peer.id);
      return;
    }
    meet(m.peer);
    if (options.role === 'host' && m.peer.role === 'screen') resendMutes();
  };

  const onRtc = async (m: RtcMessage) => {
    if (m?.gameId !== gameId || stopped) return;
    if (m.kind === 'bye') {
      if (!m.data.session || links.get(m.from)?.session === m.data.session) drop(m.from);
      return;
    }
    if (m.kind === 'offer') {
      const role: RtcRole = m.from === 'host' ? 'host' : m.from.startsWith('screen:') ? 'screen' : 'player';
      // Answered at once, camera or not: its tracks join the same transceivers when it opens.
      return answer(m.from, m.data.session, m.data.sdp, known.get(m.from)?.role ?? role);
    }
    const link = links.get(m.from);
    if (!link || link.session !== m.data.session) return;
    try {
      if (m.kind === 'answer') {
        if (link.pc.signalingState === 'have-local-offer')
          await link.pc.setRemoteDescription({ type: 'answer', sdp: m.data.sdp });
      } else if (m.kind === 'candidate' && m.data.candidate) {
        const { candidate, sdpMid, sdpMLineIndex, usernameFragment } = m.data;
        await link.pc.addIceCandidate({ candidate, sdpMid, sdpMLineIndex, usernameFragment });
      }
    } catch {
      // A late or duplicate message of a link that has moved on.
    }
  };

  const onMute = (m: { gameId: string; playerId: string; muted: boolean }) => {
    if (m?.gameId !== gameId) return;
    const next = new Set(mutedOnScreen.value);
    if (m.muted) next.add(m.playerId);
    else next.delete(m.playerId);
    mutedOnScreen.value = next;
  };

  function resendMutes() {
    for (const playerId of mutedOnScreen.value) socket.emit('rtc.mute', { gameId, playerId, muted: true });
  }

  socket.on('rtc.peer', onPeer);
  socket.on('rtc', onRtc);
  socket.on('rtc.mute', onMute);
  game.onJoined(() => void joinCall());

  function stop() {
    if (stopped) return;
    stopped = true;
    socket.off('rtc.peer', onPeer);
    socket.off('rtc', onRtc);
    socket.off('rtc.mute', onMute);
    for (const id of [...links.keys()]) drop(id);
    for (const track of local.value?.getTracks() ?? []) track.stop();
    local.value = null;
    streams.value = new Map();
  }
  onBeforeUnmount(stop);
  if (typeof window !== 'undefined') window.addEventListener('pagehide', stop, { once: true });

  const faces: Faces = { streams, mutedOnScreen };
  provide(FACES, faces);

  return {
    ...faces,
    local,
    self,
    micOn,
    camOn,
    hasMic,
    hasCam,
    problem,
    canShare: sends,
    mediaAsked,
    startMedia,
    toggleMic() {
      micOn.value = !micOn.value;
      for (const track of local.value?.getAudioTracks() ?? []) track.enabled = micOn.value;
    },
    toggleCam() {
      camOn.value = !camOn.value;
      for (const track of local.value?.getVideoTracks() ?? []) track.enabled = camOn.value;
    },
    setScreenMute(playerId, muted) {
      onMute({ gameId, playerId, muted });
      socket.emit('rtc.mute', { gameId, playerId, muted });
    },
    stop,
  };
}
