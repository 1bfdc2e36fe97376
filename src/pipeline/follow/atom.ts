/**
 * The feed as Atom (RFC 4287): one `<entry>` per feed entry, newest first, every text escaped for
 * XML (markup in an article's words stays text) and characters XML 1.0 cannot hold dropped.
 */
import type { FeedEntry, StoredFollow } from '../../store/follows.js';
import { kindLabel } from './index.js';

/** Text for an XML element or attribute: `& < > " '` escaped, characters XML 1.0 forbids removed. */
export function xmlText(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex -- the control characters XML 1.0 forbids are what it removes
    .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Only http(s) URLs become links (a `javascript:` URL from a page never does). */
function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export interface AtomOptions {
  /** The feed's own URL, if served (`rel="self"`). */
  readonly selfUrl?: string;
  /** The web UI's base URL (`http://host:port/`): entries link to `#/story/ID` there. */
  readonly webBase?: string;
  /** When the feed was made, if it has no entry (ISO 8601). */
  readonly now: string;
}

/** The Atom document of `entries` (newest first) of `follows`. */
export function feedAtom(entries: readonly FeedEntry[], follows: readonly StoredFollow[], options: AtomOptions): string {
  const byId = new Map(follows.map((f) => [f.id, f] as const));
  const updated = entries[0]?.createdAt ?? options.now;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    '  <id>urn:parallax:feed</id>',
    `  <title>${xmlText(`Parallax: what you follow (${follows.length} follow${follows.length === 1 ? '' : 's'})`)}</title>`,
    `  <updated>${xmlText(updated)}</updated>`,
    '  <generator>Parallax</generator>',
  ];
  const self = safeUrl(options.selfUrl);
  if (self !== undefined) lines.push(`  <link rel="self" type="application/atom+xml" href="${xmlText(self)}"/>`);
  for (const e of entries) {
    const follow = byId.get(e.followId);
    const web = safeUrl(options.webBase);
    const storyLink = web !== undefined ? `${web.replace(/\/?$/, '/')}#/story/${encodeURIComponent(e.storyId)}` : undefined;
    const link = safeUrl(e.url) ?? storyLink;
    lines.push('  <entry>');
    lines.push(`    <id>urn:parallax:${xmlText(e.id)}</id>`);
    lines.push(`    <title>${xmlText(e.title)}</title>`);
    lines.push(`    <updated>${xmlText(e.createdAt)}</updated>`);
    lines.push('    <author><name>Parallax</name></author>');
    if (link !== undefined) lines.push(`    <link rel="alternate" href="${xmlText(link)}"/>`);
    if (storyLink !== undefined && storyLink !== link) lines.push(`    <link rel="related" href="${xmlText(storyLink)}"/>`);
    lines.push(`    <category term="${xmlText(e.kind)}"/>`);
    if (follow !== undefined) lines.push(`    <category term="${xmlText(follow.id)}" label="${xmlText(`${follow.kind}: ${kindLabel(follow.kind, follow.target)}`)}"/>`);
    lines.push(`    <content type="text">${xmlText(`${e.text}${e.site !== undefined ? ` (${e.site})` : ''} [story ${e.storyId}${e.claimId !== undefined ? `, claim ${e.claimId}` : ''}${e.articleId !== undefined ? `, article ${e.articleId}` : ''}]`)}</content>`);
    lines.push('  </entry>');
  }
  lines.push('</feed>');
  return `${lines.join('\n')}\n`;
}
