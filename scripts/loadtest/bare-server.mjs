#!/usr/bin/env node
// The yardstick: a bare Socket.IO 4.8 server (no framework, no engine, no storage) that speaks the
// same `room` / `command` / `state` contract as Slimste and delivers the same frames: after every
// command one `state` to each audience of the game (the host, each player with their own id, the
// spectators), of the same size as Slimste's, then the ack. What Slimste spends beyond this is
// its own cost: the engine, storage, the views.
//   node scripts/loadtest/bare-server.mjs [port] [samples.json] [audiences|broadcast]
// samples.json: `{ host, screen }`, a host's and a spectator's `state` as Slimste sent them.
// `broadcast` sends the screen's state to the whole game in one emit instead (a floor: one frame
// made for all, which Slimste cannot do, since the host and each player see their own).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2] ?? 3100);
const samples = process.argv[3] ? JSON.parse(readFileSync(process.argv[3], 'utf8')) : {};
const host = samples.host ?? { players: [] };
const screen = samples.screen ?? { players: [] };
const oneBroadcast = process.argv[4] === 'broadcast';
const versions = new Map();
const players = new Map(); // gameId -> player ids joined
// A state: the sample with this game's fields, in an object made once and reused (Socket.IO
// encodes it at the emit), so the yardstick spends nothing on building payloads.
const made = new Map();
function stateOf(sample, fields) {
  const key = sample === host ? 'host' : (fields.playerId ?? fields.role ?? 'screen');
  let state = made.get(key);
  if (!state) {
    state = structuredClone(sample);
    made.set(key, state);
  }
  return Object.assign(state, fields);
}

const http = createServer((req, res) => {
  res.writeHead(req.url === '/api/health' ? 200 : 404, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
});
const games = new Server(http).of('/games');

// Tokens the load tool hands out for the bare server: `host`, `player:<id>`, none for a spectator.
function audienceOf(payload) {
  const gameId = typeof payload === 'string' ? payload : payload?.gameId;
  const token = typeof payload === 'string' ? undefined : payload?.token;
  if (token === 'host') return { gameId, room: `${gameId}:host`, role: 'host' };
  if (token?.startsWith('player:')) {
    const playerId = token.slice('player:'.length);
    return { gameId, room: `${gameId}:player:${playerId}`, role: 'player', playerId };
  }
  return { gameId, room: `${gameId}:spectators`, role: 'spectator' };
}

games.on('connection', (socket) => {
  socket.on('room', (payload, ack) => {
    const who = audienceOf(payload);
    socket.join([who.gameId, who.room]);
    if (who.playerId) players.set(who.gameId, new Set([...(players.get(who.gameId) ?? []), who.playerId]));
    ack?.({ ok: true, gameId: who.gameId, role: who.role, ...(who.playerId ? { playerId: who.playerId } : {}) });
    socket.emit(
      'state',
      stateOf(who.role === 'host' ? host : screen, { gameId: who.gameId, version: versions.get(who.gameId) ?? 0 }),
    );
  });
  socket.on('command', (command, ack) => {
    const gameId = command?.gameId ?? [...socket.rooms].find((room) => room !== socket.id && !room.includes(':'));
    const version = (versions.get(gameId) ?? 0) + 1;
    versions.set(gameId, version);
    const serverTime = Date.now();
    if (oneBroadcast) {
      games.to(gameId).emit('state', stateOf(screen, { gameId, version, serverTime }));
    } else {
      games.to(`${gameId}:host`).emit('state', stateOf(host, { gameId, version, serverTime, role: 'host' }));
      for (const playerId of players.get(gameId) ?? []) {
        const state = stateOf(screen, { gameId, version, serverTime, role: 'player', playerId });
        games.to(`${gameId}:player:${playerId}`).emit('state', state);
      }
      games
        .to(`${gameId}:spectators`)
        .emit('state', stateOf(screen, { gameId, version, serverTime, role: 'spectator', playerId: null }));
    }
    ack?.({ ok: true, version });
  });
  socket.on('time', (ack) => ack?.(Date.now()));
});

http.listen(port, '127.0.0.1', () => console.log(`bare socket.io listening on ${port}`));
