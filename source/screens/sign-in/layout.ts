/** Pure helpers for the sign-in screen: hosts as shown, and word wrapping with a line budget. */
import type {Endpoints} from '../../api/zones.js';
import {displayWidth, graphemes, inert, truncateToWidth} from '../../ui/index.js';

/** An origin as shown: https:// dropped (plain http:// stays visible), inert. */
export function hostOf(origin: string): string {
  return inert(origin.replace(/^https:\/\//, ''));
}

/** "api.flexera.com · login.flexera.com", or one origin when both are the same. */
export function hostsOf(endpoints: Pick<Endpoints, 'api' | 'login'>): string {
  return endpoints.api === endpoints.login
    ? hostOf(endpoints.api)
    : `${hostOf(endpoints.api)} · ${hostOf(endpoints.login)}`;
}

/**
 * Word-wraps inert text to `width` columns in at most `maxLines` lines (the last one ends with …
 * when text is left over), so a screen knows exactly how many lines it draws.
 */
export function wrapLines(text: string, width: number, maxLines: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  let line = '';
  const push = () => {
    lines.push(line);
    line = '';
  };
  for (const word of inert(text)
    .split(/ +/)
    .filter((part) => part !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (displayWidth(candidate) <= w) {
      line = candidate;
      continue;
    }
    if (line !== '') push();
    // A word longer than the line is cut into pieces.
    let rest = word;
    while (displayWidth(rest) > w) {
      let piece = '';
      for (const g of graphemes(rest)) {
        if (displayWidth(piece + g) > w) break;
        piece += g;
      }
      if (piece === '') break;
      lines.push(piece);
      rest = rest.slice(piece.length);
    }
    line = rest;
  }
  if (line !== '') push();
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, Math.max(0, maxLines));
  if (kept.length > 0) {
    const last = kept.length - 1;
    // The next line's first word did not fit on this one, so this is cut and ends with "…".
    kept[last] = truncateToWidth(`${kept[last]} ${lines[kept.length]}`, w);
  }
  return kept;
}
