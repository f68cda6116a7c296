/** The uploads we accept, recognised by their first bytes (SVG, which is text, by its markup). */
export interface MediaType {
  mime: string;
  ext: string;
  kind: 'image' | 'audio' | 'video';
}

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const startsWith = (buf: Buffer, bytes: number[], offset = 0) => bytes.every((b, i) => buf[offset + i] === b);
const ascii = (buf: Buffer, start: number, end: number) => buf.subarray(start, end).toString('latin1');

/** What the file really is, or null when it is not on the whitelist (the client's claimed type is ignored). */
export function sniffMediaType(buf: Buffer, filename = ''): MediaType | null {
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mime: 'image/png', ext: 'png', kind: 'image' };
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', ext: 'jpg', kind: 'image' };
  if (ascii(buf, 0, 6) === 'GIF87a' || ascii(buf, 0, 6) === 'GIF89a')
    return { mime: 'image/gif', ext: 'gif', kind: 'image' };
  if (ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 12) === 'WEBP')
    return { mime: 'image/webp', ext: 'webp', kind: 'image' };
  if (ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 12) === 'WAVE')
    return { mime: 'audio/wav', ext: 'wav', kind: 'audio' };
  if (ascii(buf, 0, 4) === 'OggS') return { mime: 'audio/ogg', ext: 'ogg', kind: 'audio' };
  if (ascii(buf, 0, 3) === 'ID3' || (buf[0] === 0xff && buf[1] !== undefined && (buf[1] & 0xe0) === 0xe0)) {
    return { mime: 'audio/mpeg', ext: 'mp3', kind: 'audio' };
  }
  if (ascii(buf, 4, 8) === 'ftyp') return { mime: 'video/mp4', ext: 'mp4', kind: 'video' };
  if (startsWith(buf, [0x1a, 0x45, 0xdf, 0xa3])) return { mime: 'video/webm', ext: 'webm', kind: 'video' };
  if (/\.svg$/i.test(filename) || buf.length > 0) {
    const head = ascii(buf, 0, 1024)
      .replace(/^\uFEFF/, '')
      .trimStart();
    if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)) {
      return { mime: 'image/svg+xml', ext: 'svg', kind: 'image' };
    }
  }
  return null;
}
