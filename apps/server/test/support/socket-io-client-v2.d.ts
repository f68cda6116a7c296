// socket.io-client 2.x (npm alias `socket.io-client-v2`) ships no types; the tests use a sliver of it.
declare module 'socket.io-client-v2' {
  interface V2Socket {
    on(event: string, listener: (...args: any[]) => void): V2Socket;
    once(event: string, listener: (...args: any[]) => void): V2Socket;
    emit(event: string, ...args: any[]): V2Socket;
    close(): void;
    connected: boolean;
  }
  function io(url: string, options?: Record<string, unknown>): V2Socket;
  export default io;
}
