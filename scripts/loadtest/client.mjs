// What the scripts that play over the real protocol share: a JSON POST and a /games socket.
import { io } from 'socket.io-client';

/** POSTs `body` as JSON; throws with the status and the body when the answer is not 2xx. */
export async function post(url, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/** A socket.io-client 4 connection to `url`'s /games, WebSocket only, no reconnection. */
export const connect = (url) =>
  new Promise((resolve, reject) => {
    const socket = io(`${url}/games`, { transports: ['websocket'], forceNew: true, reconnection: false });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
