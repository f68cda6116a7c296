import * as parser from 'socket.io-parser';

/**
 * JSON text made once, for a payload many messages share: the parser below writes it into the
 * packet as it is. `toJSON` keeps it correct anywhere else an object is expected.
 */
export class PreEncoded {
  constructor(readonly json: string) {}

  toJSON(): unknown {
    return JSON.parse(this.json);
  }
}

/**
 * socket.io's own parser, but a packet carrying PreEncoded JSON is written without encoding that
 * JSON again (nor walking it for binary, which it has none of). The text on the wire is exactly
 * what the default encoder writes, so every client decodes it as usual.
 */
class Encoder extends parser.Encoder {
  override encode(packet: parser.Packet): unknown[] {
    if (packet.type !== parser.PacketType.EVENT || !Array.isArray(packet.data) || !packet.data.some(isPreEncoded)) {
      return super.encode(packet);
    }
    // Concatenated, not joined: the text is copied once, when the frame is made of it.
    let text = `${packet.type}`;
    if (packet.nsp && packet.nsp !== '/') text += `${packet.nsp},`;
    if (packet.id !== undefined && packet.id !== null) text += packet.id;
    text += '[';
    packet.data.forEach((item, i) => {
      text += `${i ? ',' : ''}${isPreEncoded(item) ? item.json : JSON.stringify(item)}`;
    });
    return [`${text}]`];
  }
}

function isPreEncoded(value: unknown): value is PreEncoded {
  return value instanceof PreEncoded;
}

/** The `parser` option of the socket.io server. */
export const preEncodedParser = { ...parser, Encoder };
