#!/usr/bin/env node
// The yardstick: a bare Socket.IO 4.8 server (no framework, no engine, no storage) that speaks the
// same `room` / `command` / `state` contract as Slimste, sending a `state` of the same size.
// A command bumps the game's version, sends the state to the game's room (one encoding, as
// Socket.IO does for a room) and acks. Everything else a real server does costs on top of this.
//   node scripts/loadtest/bare-server.mjs [port] [sample-state.json]
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2] ?? 3100);
// A real `state` as Slimste sends it (the load tool passes one it received), so frames are the same size.
const sample = process.argv[3] ? JSON.parse(readFileSync(process.argv[3], 'utf8')) : { players: [] };
const versions = new Map();

const http = createServer((req, res) => {
  res.writeHead(req.url === '/api/health' ? 200 : 404, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
});
const games = new Server(http).of('/games');
const gameOf = (payload) => (typeof payload === 'string' ? payload : payload?.gameId);

games.on('connection', (socket) => {
  socket.on('room', (payload, ack) => {
    const gameId = gameOf(payload);
    socket.join(gameId);
    ack?.({ ok: true, gameId, role: 'spectator' });
    socket.emit('state', { ...sample, gameId, version: versions.get(gameId) ?? 0 });
  });
  socket.on('command', (command, ack) => {
    const gameId = command?.gameId ?? [...socket.rooms].find((room) => room !== socket.id);
    const version = (versions.get(gameId) ?? 0) + 1;
    versions.set(gameId, version);
    games.to(gameId).emit('state', { ...sample, gameId, version, serverTime: Date.now() });
    ack?.({ ok: true, version });
  });
  socket.on('time', (ack) => ack?.(Date.now()));
});

http.listen(port, '127.0.0.1', () => console.log(`bare socket.io listening on ${port}`));
