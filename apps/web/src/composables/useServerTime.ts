import { ref } from 'vue';

/** One round trip of the `time` event: sent at t0, answered with `server`, received at t1 (client ms). */
export interface TimeSample {
  t0: number;
  t1: number;
  server: number;
}

/**
 * Simpson/NTP style: the sample with the shortest round trip is the least disturbed; its server
 * time is taken to be the midpoint of the trip.
 */
export function offsetFromSamples(samples: TimeSample[]): number | null {
  let best: TimeSample | null = null;
  for (const s of samples) if (!best || s.t1 - s.t0 < best.t1 - best.t0) best = s;
  return best ? best.server - (best.t0 + best.t1) / 2 : null;
}

/** The server's ms from the `time` ack (a number, see the protocol's ClientToServerEvents). */
export function serverTimeOf(reply: unknown): number | null {
  return typeof reply === 'number' && Number.isFinite(reply) ? reply : null;
}

// One offset for the page: every clock on it uses the same correction.
const offset = ref(0);

/** The server's clock as this page estimates it. */
export function serverNow(): number {
  return Date.now() + offset.value;
}

interface TimeSocket {
  emit(event: 'time', ...args: unknown[]): unknown;
  timeout(ms: number): { emit(event: 'time', ...args: unknown[]): unknown };
}

function sampleOnce(socket: TimeSocket): Promise<TimeSample | null> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    socket.timeout(3000).emit('time', (err: unknown, reply: unknown) => {
      const t1 = Date.now();
      const server = err ? null : serverTimeOf(reply);
      resolve(server === null ? null : { t0, t1, server });
    });
  });
}

/** Measures the offset with several samples, one after the other. */
export async function measureOffset(socket: TimeSocket, count = 6): Promise<number | null> {
  const samples: TimeSample[] = [];
  for (let i = 0; i < count; i++) {
    const s = await sampleOnce(socket);
    if (s) samples.push(s);
  }
  const measured = offsetFromSamples(samples);
  if (measured !== null) offset.value = measured;
  return measured;
}

export function useServerTime() {
  return { offset, serverNow, measureOffset };
}
