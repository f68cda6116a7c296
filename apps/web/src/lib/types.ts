// The wire types, compiled away: everything clients receive is typed by the protocol package.
export type * from '@slimste/protocol';
export type { JoinRole as SocketRole } from '@slimste/protocol';
