// What the load tool reads of a server process it can see: CPU time and resident memory, from /proc.
import { readFileSync } from 'node:fs';

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** Sums `read` over several processes (a cluster's nodes); null when any cannot be read. */
function summed(pids, read) {
  let total = 0;
  for (const pid of pids) {
    const v = read(pid);
    if (v === null) return null;
    total += v;
  }
  return total;
}

/** CPU time (user + system) a process (or processes, summed) has used so far, in ms; null when it cannot be read. */
export function cpuMs(pid) {
  if (Array.isArray(pid)) return summed(pid, cpuMs);
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** Resident memory of a process (or processes, summed) in bytes; null when it cannot be read. */
export function rssBytes(pid) {
  if (Array.isArray(pid)) return summed(pid, rssBytes);
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}
