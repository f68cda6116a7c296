import * as parser from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import { PreEncoded, preEncodedParser } from './pre-encoded-parser.js';

const decode = (text: string) =>
  new Promise<parser.Packet>((resolve) => {
    const decoder = new parser.Decoder();
    decoder.on('decoded', resolve);
    decoder.add(text);
  });

describe('the pre-encoded parser', () => {
  const payload = { gameId: 'g1', version: 7, players: [{ id: 'p1', name: 'Ann «x» "quoted"', seconds: 60 }] };
  const packet = (data: unknown[], id?: number): parser.Packet => ({
    type: parser.PacketType.EVENT,
    nsp: '/games',
    data,
    ...(id === undefined ? {} : { id }),
  });

  it('writes exactly what socket.io writes, and clients decode the same payload', async () => {
    const plain = new parser.Encoder();
    const ours = new preEncodedParser.Encoder();
    for (const id of [undefined, 12]) {
      const expected = plain.encode(packet(['state', payload, 'offset-1'], id));
      const written = ours.encode(packet(['state', new PreEncoded(JSON.stringify(payload)), 'offset-1'], id));
      expect(written).toEqual(expected);
      expect((await decode(written[0] as string)).data).toEqual(['state', payload, 'offset-1']);
    }
  });

  it('leaves every other packet to socket.io (binary included)', () => {
    const ours = new preEncodedParser.Encoder();
    const plain = new parser.Encoder();
    const binary = packet(['upload', Buffer.from([1, 2, 3])]);
    expect(ours.encode(binary)).toEqual(plain.encode(binary));
    expect(ours.encode(packet(['state', payload]))).toEqual(plain.encode(packet(['state', payload])));
  });

  it('reads as its object wherever JSON is made of it', () => {
    expect(JSON.parse(JSON.stringify({ a: new PreEncoded('{"b":[1,2]}') }))).toEqual({ a: { b: [1, 2] } });
  });
});
