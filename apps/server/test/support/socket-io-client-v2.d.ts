// socket.io-client 2.x (npm alias `socket.io-client-v2`) ships no types; the tests use a sliver of it.
// Its listeners and acks take whatever the server sends, so `any` is the honest type here.
declare module 'socket.io-client-v2' {
  interface V2Socket {
    // biome-ignore lint/suspicious/noExplicitAny: untyped library, see above
    on(event: string, listener: (...args: any[]) => void): V2Socket;
    // biome-ignore lint/suspicious/noExplicitAny: untyped library, see above
    once(event: string, listener: (...args: any[]) => void): V2Socket;
    // biome-ignore lint/suspicious/noExplicitAny: untyped library, see above
    emit(event: string, ...args: any[]): V2Socket;
    close(): void;
    connected: boolean;
  }
  function io(url: string, options?: Record<string, unknown>): V2Socket;
  export default io;
}
