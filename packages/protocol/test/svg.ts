/**
 * A small well-formedness check for the demo SVGs (no XML parser among the dependencies):
 * balanced tags, quoted attributes, escaped text, one <svg> root with a viewBox, and no reference
 * to anything outside the file.
 */
export function svgProblems(source: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  const token = /<\/?([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<!--[\s\S]*?-->|<\?xml[^>]*\?>|([^<]+)|(<)/g;
  for (const m of source.matchAll(token)) {
    const [whole, name, attrs = '', selfClosing, textPart, stray] = m;
    if (stray) {
      problems.push(`malformed markup at ${m.index}: ${source.slice(m.index, m.index + 30)}`);
      break;
    }
    if (textPart !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(textPart)) problems.push(`unescaped & at ${m.index}`);
      if (!stack.length && textPart.trim()) problems.push('text outside the root element');
      continue;
    }
    if (!name) continue; // comment or declaration
    if (whole.startsWith('</')) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
      continue;
    }
    if (!stack.length) {
      roots++;
      if (name !== 'svg') problems.push(`root element is <${name}>, expected <svg>`);
      if (!/\sxmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(attrs)) problems.push('root <svg> lacks the SVG xmlns');
      if (!/\sviewBox="[\d.\s-]+"/.test(attrs)) problems.push('root <svg> lacks a viewBox');
    }
    for (const ref of attrs.matchAll(/\s(?:xlink:)?href="([^"]*)"/g))
      if (!ref[1]?.startsWith('#')) problems.push(`external reference ${ref[1]}`);
    if (/url\((?!#)/.test(attrs)) problems.push('external url() reference');
    if (name === 'script' || name === 'foreignObject') problems.push(`<${name}> is not allowed`);
    if (!selfClosing) stack.push(name);
  }
  if (stack.length) problems.push(`unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) problems.push(`expected one root element, found ${roots}`);
  return problems;
}
