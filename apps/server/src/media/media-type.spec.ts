import { describe, expect, it } from 'vitest';
import { sniffMediaType } from './media-type.js';

const bytes = (...b: number[]) => Buffer.from(b);
const text = (s: string) => Buffer.from(s, 'latin1');

describe('sniffMediaType', () => {
  it.each([
    ['png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0)],
    ['jpg', bytes(0xff, 0xd8, 0xff, 0xe0)],
    ['gif', text('GIF89a....')],
    ['webp', text('RIFF\0\0\0\0WEBPVP8 ')],
    ['wav', text('RIFF\0\0\0\0WAVEfmt ')],
    ['ogg', text('OggS\0\x02')],
    ['mp3', text('ID3\x04\0')],
    ['mp3', bytes(0xff, 0xfb, 0x90, 0x44)],
    ['mp4', text('\0\0\0\x18ftypmp42')],
    ['webm', bytes(0x1a, 0x45, 0xdf, 0xa3, 0x9f)],
    ['svg', text('<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ['svg', text('<?xml version="1.0"?>\n<!-- drawn by hand -->\n<svg viewBox="0 0 1 1"/>')],
  ])('recognises %s by its content', (ext, content) => {
    expect(sniffMediaType(content, 'whatever.bin')?.ext).toBe(ext);
  });

  it.each([
    ['an executable', bytes(0x4d, 0x5a, 0x90, 0)],
    ['HTML', text('<html><script>alert(1)</script></html>')],
    ['a PDF', text('%PDF-1.7')],
    ['nothing', Buffer.alloc(0)],
  ])('refuses %s, whatever its name', (_what, content) => {
    expect(sniffMediaType(content, 'photo.png')).toBeNull();
    expect(sniffMediaType(content, 'photo.svg')).toBeNull();
  });
});
