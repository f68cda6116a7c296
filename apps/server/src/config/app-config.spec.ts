import { describe, expect, it } from 'vitest';
import { isHostAllowed, isOriginAllowed, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('reads PUBLIC_URL as an http(s) origin and refuses anything else', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://quiz.example.org/' }).publicUrl).toBe('https://quiz.example.org');
    expect(loadConfig({ PUBLIC_URL: ' http://192.168.1.5:3000 ' }).publicUrl).toBe('http://192.168.1.5:3000');
    expect(() => loadConfig({ PUBLIC_URL: 'quiz.example.org' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://quiz.example.org' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ PUBLIC_URL: 'https://example.org/quiz' })).toThrow(/without a path/);
  });

  it("reads the call's ICE settings (issue 11) and refuses half a TURN setup", () => {
    expect(loadConfig({}).ice).toEqual({ servers: [], turn: null, transportPolicy: 'all' });
    const config = loadConfig({
      ICE_SERVERS:
        '[{"urls":"stun:stun.example.org:3478"},{"urls":["turn:t.example.org"],"username":"u","credential":"c"}]',
      TURN_URLS: 'turn:t.example.org:3478?transport=udp, turns:t.example.org:5349?transport=tcp',
      TURN_SECRET: 's3cret',
      ICE_TRANSPORT_POLICY: 'RELAY',
    });
    expect(config.ice.servers).toHaveLength(2);
    expect(config.ice.turn).toEqual({
      urls: ['turn:t.example.org:3478?transport=udp', 'turns:t.example.org:5349?transport=tcp'],
      secret: 's3cret',
      ttlSeconds: 14_400,
    });
    expect(config.ice.transportPolicy).toBe('relay');
    expect(loadConfig({ TURN_URLS: 'turn:t', TURN_SECRET: 'x', TURN_TTL_SECONDS: '600' }).ice.turn?.ttlSeconds).toBe(
      600,
    );
    expect(() => loadConfig({ ICE_SERVERS: 'stun:stun.example.org' })).toThrow(/ICE_SERVERS: not JSON/);
    expect(() => loadConfig({ ICE_SERVERS: '[{"urls":"http://x"}]' })).toThrow(/ICE_SERVERS/);
    expect(() => loadConfig({ TURN_URLS: 'turn:t.example.org' })).toThrow(/TURN_SECRET/);
    expect(() => loadConfig({ TURN_SECRET: 'x' })).toThrow(/TURN_URLS/);
    expect(() => loadConfig({ TURN_URLS: 'stun:t.example.org', TURN_SECRET: 'x' })).toThrow(/TURN_URLS/);
    expect(() => loadConfig({ ICE_TRANSPORT_POLICY: 'none' })).toThrow(/ICE_TRANSPORT_POLICY/);
  });

  it('refuses an ADMIN_TOKEN shorter than 16 characters (it opens every set)', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: 'admin' })).toThrow(/ADMIN_TOKEN: at least 16/);
    expect(() => loadConfig({ ADMIN_TOKEN: '0123456789abcde' })).toThrow(/ADMIN_TOKEN/);
    expect(loadConfig({ ADMIN_TOKEN: '0123456789abcdef' }).adminToken).toBe('0123456789abcdef');
  });

  it('reads ALLOWED_HOSTS as host names and checks a Host header against them, port aside', () => {
    const config = loadConfig({ ALLOWED_HOSTS: 'Quiz.Example.org, localhost,[::1]' });
    expect(config.allowedHosts).toEqual(['quiz.example.org', 'localhost', '[::1]']);
    expect(isHostAllowed('quiz.example.org', config)).toBe(true);
    expect(isHostAllowed('QUIZ.example.org:8443', config)).toBe(true);
    expect(isHostAllowed('[::1]:3000', config)).toBe(true);
    expect(isHostAllowed('rebound.attacker.example', config)).toBe(false);
    expect(isHostAllowed(undefined, config)).toBe(false);
    expect(isHostAllowed('anything', loadConfig({}))).toBe(true);
    expect(() => loadConfig({ ALLOWED_HOSTS: 'quiz.example.org/path' })).toThrow(/ALLOWED_HOSTS/);
  });

  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: null,
      allowedOrigins: null,
      adminToken: null,
      allowedHosts: null,
      logLevel: 'info',
      socketRate: { perSecond: 20, burst: 40 },
      httpRate: { perMinute: 120, burst: 200 },
      trustProxy: 'loopback',
      mediaQuotaBytes: 1024 * 1024 * 1024,
      publicUrl: null,
      gameCacheBytes: 512 * 1024 * 1024,
      maxGameCommands: 20_000,
      sqliteSynchronous: 'normal',
      sqliteCommitWindowMs: 3,
    });
    expect(loadConfig({ MEDIA_QUOTA_MB: '0.5' }).mediaQuotaBytes).toBe(512 * 1024);
    expect(loadConfig({ GAME_CACHE_MB: '64' }).gameCacheBytes).toBe(64 * 1024 * 1024);
    expect(loadConfig({ SQLITE_SYNCHRONOUS: 'FULL' }).sqliteSynchronous).toBe('full');
    expect(() => loadConfig({ SQLITE_SYNCHRONOUS: 'off' })).toThrow(/SQLITE_SYNCHRONOUS/);
    expect(loadConfig({ SQLITE_COMMIT_WINDOW_MS: '0' }).sqliteCommitWindowMs).toBe(0);
    expect(() => loadConfig({ SQLITE_COMMIT_WINDOW_MS: '500' })).toThrow(/SQLITE_COMMIT_WINDOW_MS/);
    expect(loadConfig({ PORT: ' ' }).port).toBe(3000);
    expect(config.dataDir).toBe(`${process.cwd()}/data`);
    // npm runs scripts in the workspace; INIT_CWD is where `npm start` was typed.
    expect(loadConfig({ INIT_CWD: '/srv/slimste' }).dataDir).toBe('/srv/slimste/data');
    expect(loadConfig({ INIT_CWD: '/srv/slimste', DATA_DIR: 'games' }).dataDir).toBe('/srv/slimste/games');
  });

  it('reads and checks every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATA_DIR: '/tmp/x',
      DATABASE_URL: 'postgres://u:p@db/slimste',
      ALLOWED_ORIGINS: 'https://a.example/, https://b.example',
      ADMIN_TOKEN: ' a-long-enough-secret ',
      LOG_LEVEL: 'WARN',
    });
    expect(config).toMatchObject({
      port: 8080,
      dataDir: '/tmp/x',
      databaseUrl: 'postgres://u:p@db/slimste',
      allowedOrigins: ['https://a.example', 'https://b.example'],
      adminToken: 'a-long-enough-secret',
      logLevel: 'warn',
    });
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(loadConfig({ HTTP_RATE_PER_MINUTE: '30', HTTP_RATE_BURST: '5' }).httpRate).toEqual({
      perMinute: 30,
      burst: 5,
    });
    expect(() => loadConfig({ HTTP_RATE_BURST: '0' })).toThrow(/HTTP_RATE_BURST/);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(() => loadConfig({ SOCKET_RATE_BURST: '-1' })).toThrow(/SOCKET_RATE_BURST/);
  });
});

describe('isOriginAllowed', () => {
  const sameOrigin = loadConfig({});
  const listed = loadConfig({ ALLOWED_ORIGINS: 'https://quiz.example' });

  it('by default allows no Origin and the same host only', () => {
    expect(isOriginAllowed(undefined, 'localhost:3000', sameOrigin)).toBe(true);
    expect(isOriginAllowed('http://localhost:3000', 'localhost:3000', sameOrigin)).toBe(true);
    expect(isOriginAllowed('http://localhost:3001', 'localhost:3000', sameOrigin)).toBe(false);
    expect(isOriginAllowed('https://evil.example', 'localhost:3000', sameOrigin)).toBe(false);
    expect(isOriginAllowed('null', 'localhost:3000', sameOrigin)).toBe(false);
  });

  it('with a list allows exactly the listed origins', () => {
    expect(isOriginAllowed('https://quiz.example', 'localhost:3000', listed)).toBe(true);
    expect(isOriginAllowed('https://quiz.example/', 'localhost:3000', listed)).toBe(true);
    expect(isOriginAllowed('http://localhost:3000', 'localhost:3000', listed)).toBe(false);
  });
});
