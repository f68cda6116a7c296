import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.js';

describe('csv', () => {
  it('writes RFC 4180: quotes only what needs it, doubles quotes, CRLF lines, a UTF-8 BOM first', () => {
    const csv = toCsv([
      ['type', 'answer', 'seconds'],
      ['found', 'Brussel, België', 20],
      ['found', 'De "Slimste" Mens', -20],
      ['missed', 'two\nlines', null],
      ['seconds', 'a\r\nb', undefined],
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1)).toBe(
      'type,answer,seconds\r\n' +
        'found,"Brussel, België",20\r\n' +
        'found,"De ""Slimste"" Mens",-20\r\n' +
        'missed,"two\nlines",\r\n' +
        'seconds,"a\r\nb",\r\n',
    );
    // The BOM is three bytes of UTF-8, and the accents are UTF-8 too.
    expect([...Buffer.from(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('never lets a spreadsheet run a cell as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+31 6 1234')).toBe("'+31 6 1234");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    // Only at the start, and numbers stay numbers.
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(-4)).toBe('-4');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell('')).toBe('');
  });
});
