// Profiles a server only while the load runs (not its start-up or the set-up of the games): the
// tool starts it with --inspect and drives V8's profiler over the inspector protocol.
import WebSocket from 'ws';

/** Connects to a process's inspector (`ws://...` as it printed it); returns start/stop of the CPU profiler. */
export async function connectProfiler(inspectorUrl) {
  const socket = new WebSocket(inspectorUrl);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let id = 0;
  const pending = new Map();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data));
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  });
  const call = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const n = ++id;
      pending.set(n, { resolve, reject });
      socket.send(JSON.stringify({ id: n, method, params }));
    });
  await call('Profiler.enable');
  await call('Profiler.setSamplingInterval', { interval: 200 });
  return {
    /** The process's memory after a full garbage collection (what it really keeps). */
    async memoryAfterGc() {
      await call('HeapProfiler.collectGarbage');
      const { result } = await call('Runtime.evaluate', {
        expression: 'JSON.stringify(process.memoryUsage())',
        returnByValue: true,
      });
      return JSON.parse(result.value);
    },
    /** Event-loop delay of the server over the window (ms), from perf_hooks in the server itself. */
    async startLoopDelay() {
      await call('Runtime.evaluate', {
        expression:
          "globalThis.__loadtestDelay = process.binding ? require('perf_hooks').monitorEventLoopDelay({ resolution: 5 }) : null; globalThis.__loadtestDelay.enable(); 1",
        includeCommandLineAPI: true,
      });
    },
    async loopDelay() {
      const { result } = await call('Runtime.evaluate', {
        expression:
          'JSON.stringify((d => (d.disable(), { p50: d.percentile(50) / 1e6, p99: d.percentile(99) / 1e6, max: d.max / 1e6 }))(globalThis.__loadtestDelay))',
        returnByValue: true,
      });
      return JSON.parse(result.value);
    },
    /** Starts the CPU profiler and the sampling allocation profiler. */
    async start() {
      await call('HeapProfiler.enable');
      await call('HeapProfiler.startSampling', {
        samplingInterval: 16384,
        // Every allocation, the garbage too: the garbage is what the collector spends its time on.
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
      await call('Profiler.start');
    },
    /** The CPU profile and the allocation profile (where the garbage comes from) of the window. */
    async stop() {
      const { profile } = await call('Profiler.stop');
      const { profile: allocations } = await call('HeapProfiler.stopSampling');
      return { profile, allocations };
    },
    close: () => socket.close(),
  };
}
