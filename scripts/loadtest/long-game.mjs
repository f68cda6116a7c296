// A long evening in one game: does a command cost the same after 2,000 others as at the start?
// The host sends commands one after the other (each waits for its ack); the server's CPU and the
// ack times are taken over the first and the last stretch, and over runs of undo early and late.
import { connect, post } from './client.mjs';
import { cpuMs } from './proc.mjs';
import { median } from './stats.mjs';

/**
 * @param {{ url: string, pid: number | null, commands: number, stretch: number, undos: number }} options
 */
export async function runLongGame(options) {
  // A game of its own first, so the measured one starts on a warm (JIT-compiled) server.
  await playLongGame({ ...options, pid: null, commands: 2 * options.stretch });
  return playLongGame(options);
}

async function playLongGame({ url, pid, commands, stretch, undos }) {
  const game = await post(`${url}/api/games`, { config: { players: 3 } });
  const players = [];
  for (let p = 0; p < 3; p++)
    players.push(await post(`${url}/api/games/${game.code}/players`, { name: `Speler ${p + 1}` }));
  const sockets = [];
  const join = async (room) => {
    const socket = await connect(url);
    await socket.emitWithAck('room', room);
    sockets.push(socket);
    return socket;
  };
  const host = await join({ gameId: game.id, token: game.hostToken });
  for (const p of players) await join({ gameId: game.id, token: p.token });
  await join(game.id);
  await host.emitWithAck('command', { type: 'game.start' });

  let n = 0;
  const adjust = () => ({ type: 'seconds.adjust', playerId: players[n % 3].playerId, delta: n++ % 2 ? 1 : -1 });
  /** Sends `count` commands one after the other; the server's CPU per command and the ack p50. */
  const measure = async (count, make) => {
    const acks = [];
    const cpu0 = pid ? cpuMs(pid) : null;
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      const ack = await host.emitWithAck('command', make());
      acks.push(performance.now() - t0);
      if (!ack.ok) throw new Error(`command refused: ${JSON.stringify(ack)}`);
    }
    const cpu1 = pid ? cpuMs(pid) : null;
    return { cpuMsPerCommand: cpu0 === null ? null : (cpu1 - cpu0) / count, ackP50: median(acks) };
  };

  const first = await measure(stretch, adjust);
  const undoEarly = await measure(undos, () => ({ type: 'undo' }));
  // On to `commands` in all, then the last stretch.
  await measure(Math.max(0, commands - stretch), adjust);
  const last = await measure(stretch, adjust);
  const undoLate = await measure(undos, () => ({ type: 'undo' }));
  for (const s of sockets) s.disconnect();
  return { commands, first, last, undoEarly, undoLate };
}
