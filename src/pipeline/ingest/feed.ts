/**
 * RSS 2.0 / 0.9x, RSS 1.0 (RDF) and Atom feeds → one record per item.
 *
 * Safety: a feed whose prolog declares a DTD internal subset (where entities live) is refused
 * with FEED_ENTITY_REFUSED; external DTDs are never fetched and the parser (htmlparser2 in XML
 * mode) never expands entities other than the five XML ones and numeric references, so neither
 * XXE nor entity expansion bombs can happen. Markup nested deeper than any article is written is
 * flattened before the feed is parsed ({@link flattenDeepMarkup}), so parsing stays linear and
 * nothing that walks the tree can overflow the stack.
 */
import { parseDocument, DomUtils, Tokenizer } from 'htmlparser2';
import { createError } from '../../errors.js';

type Node = ReturnType<typeof parseDocument>['children'][number];
type Element = Extract<Node, { attribs: Record<string, string> }>;

export interface FeedItem {
  /** 1-based position in the feed. */
  readonly index: number;
  readonly title?: string;
  readonly link?: string;
  /** Raw date string as the feed wrote it. */
  readonly published?: string;
  readonly author?: string;
  readonly language?: string;
  /** Item body: full text when {@link full}, else the description or summary. */
  readonly content?: string;
  /** Whether {@link content} is HTML (else plain text). */
  readonly html: boolean;
  /** True when the feed carried the full text (`content:encoded`, Atom `content`). */
  readonly full: boolean;
  /** True when the body's markup was nested too deep to keep and only its text was read. */
  readonly flattened?: boolean;
}

export interface ParsedFeed {
  readonly title?: string;
  readonly language?: string;
  readonly items: readonly FeedItem[];
}

function isElement(n: Node): n is Element {
  return 'attribs' in n && 'name' in n;
}

function children(el: Element): Element[] {
  return el.children.filter(isElement);
}

/** First direct child whose (lower-cased) tag name is one of `names`. */
function child(el: Element, ...names: string[]): Element | undefined {
  return children(el).find((c) => names.includes(c.name.toLowerCase()));
}

function text(el: Element | undefined): string | undefined {
  if (el === undefined) return undefined;
  const t = DomUtils.textContent(el).trim();
  return t === '' ? undefined : t;
}

/** Inline markup nested deeper than this is read as its text: no article is written that way, and serialising it would overflow the stack. */
const MAX_MARKUP_DEPTH = 256;

/**
 * Nesting kept in the parsed feed, counted from the item (or entry) an element is in, else from the
 * root: deep enough that an item's markup past {@link MAX_MARKUP_DEPTH} is still seen as too deep.
 */
const MAX_TREE_DEPTH = MAX_MARKUP_DEPTH + 8;

interface OpenTag {
  readonly name: string;
  /** Depth below the enclosing item, or below the root outside items. */
  readonly depth: number;
  readonly dropped: boolean;
  readonly item: boolean;
}

/**
 * The feed with the start and end tags of elements nested past {@link MAX_TREE_DEPTH} removed
 * (their text stays where it was, in order). htmlparser2's parser shifts its open-element stack on
 * every start tag, which makes 300,000 nested elements take minutes, and the DOM helpers recurse,
 * which overflows the stack on a few thousand. One linear pass of the tokenizer finds the tags to
 * remove; end tags are matched as the parser matches them in XML mode (the innermost open element
 * of that name, closing those inside it; a stray end tag is left alone). An item or entry opens a
 * fresh count, so items wrapped in deep markup are not lost; an item inside an item counts on.
 * Also counts the item and entry elements kept, so an oversized feed is refused before parsing.
 */
export function flattenDeepMarkup(source: string): { readonly source: string; readonly items: number } {
  const stack: OpenTag[] = [];
  let items = 0;
  const open = new Map<string, number>();
  const cuts: [number, number][] = [];
  let openItems = 0;
  let name = '';
  let start = 0;
  const push = (end: number, selfClosing: boolean) => {
    const parent = stack[stack.length - 1];
    const lower = name.toLowerCase();
    const item = openItems === 0 && (lower === 'item' || lower === 'entry');
    const depth = item ? 0 : (parent?.depth ?? 0) + 1;
    const dropped = depth > MAX_TREE_DEPTH;
    if (dropped) cuts.push([start, end + 1]);
    else if (lower === 'item' || lower === 'entry') items++;
    if (selfClosing) return;
    stack.push({ name, depth, dropped, item });
    open.set(name, (open.get(name) ?? 0) + 1);
    if (item) openItems++;
  };
  const pop = (): OpenTag => {
    const el = stack.pop()!;
    open.set(el.name, open.get(el.name)! - 1);
    if (el.item) openItems--;
    return el;
  };
  const none = () => undefined;
  const tokenizer = new Tokenizer(
    { xmlMode: true, decodeEntities: true },
    {
      onopentagname: (from, to) => {
        name = source.slice(from, to);
        start = from - 1;
      },
      onopentagend: (end) => push(end, false),
      onselfclosingtag: (end) => push(end, true),
      onclosetag: (from, to) => {
        const closing = source.slice(from, to);
        if ((open.get(closing) ?? 0) === 0) return;
        for (;;) {
          const el = pop();
          if (el.name !== closing) continue;
          if (el.dropped) cuts.push([from - 2, to + 1]);
          break;
        }
      },
      onattribdata: none,
      onattribentity: none,
      onattribend: none,
      onattribname: none,
      oncdata: none,
      oncomment: none,
      ondeclaration: none,
      onend: none,
      onprocessinginstruction: none,
      ontext: none,
      ontextentity: none,
    },
  );
  tokenizer.write(source);
  tokenizer.end();
  if (cuts.length === 0) return { source, items };
  cuts.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  for (const [from, to] of cuts) {
    if (from < at) continue;
    parts.push(source.slice(at, from));
    at = to;
  }
  parts.push(source.slice(at));
  return { source: parts.join(''), items };
}

/** Whether an element's markup is nested deeper than {@link MAX_MARKUP_DEPTH} (walked without recursion). */
function tooDeep(el: Element): boolean {
  const stack: [Node, number][] = [[el, 0]];
  while (stack.length > 0) {
    const [n, d] = stack.pop()!;
    if (d > MAX_MARKUP_DEPTH) return true;
    if (isElement(n)) for (const c of n.children) stack.push([c, d + 1]);
  }
  return false;
}

/** The text of an element, walked without recursion. */
function flatText(el: Element): string {
  const out: string[] = [];
  const stack: Node[] = [el];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text' || n.type === 'cdata') out.push(DomUtils.textContent(n));
    else if (isElement(n)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out.join('').trim();
}

/** Markup content of an element: escaped/CDATA HTML is its text; inline XHTML is serialised; markup nested too deep gives its text. */
function markup(el: Element): string {
  if (tooDeep(el)) return flatText(el);
  const type = (el.attribs['type'] ?? '').toLowerCase();
  const kids = children(el);
  if (type === 'xhtml' || kids.length > 0) {
    // Atom wraps XHTML content in one <div>, which is a container and not part of the content.
    const only = kids.length === 1 && kids[0]!.name.toLowerCase() === 'div' && el.children.every((c) => isElement(c) || DomUtils.textContent(c).trim() === '') ? kids[0]! : el;
    return DomUtils.getInnerHTML(only, { encodeEntities: 'utf8' }).trim();
  }
  return DomUtils.textContent(el).trim();
}

const looksHtml = (s: string): boolean => /<[a-z][\w-]*[\s>/]|&[a-z]+;|&#\d+;/i.test(s);

/** Text before the root element: the XML declaration, comments and the DOCTYPE. */
function prolog(source: string): string {
  const m = /<(rss|feed|rdf:RDF)\b/i.exec(source);
  return m === null ? source.slice(0, 4096) : source.slice(0, m.index);
}

/** Parse a feed. Throws FEED_ENTITY_REFUSED for DTD internal subsets, FEED_INVALID otherwise. */
export function parseFeed(source: string, input: string, maxItems: number): ParsedFeed {
  const head = prolog(source);
  if (/<!ENTITY/i.test(head) || /<!DOCTYPE[^>[]*\[/i.test(head)) throw createError('FEED_ENTITY_REFUSED', { input });

  const scanned = flattenDeepMarkup(source);
  // Refused before the tree is built: building it for 100,000 items takes seconds.
  checkCount(scanned.items, maxItems, input);
  const dom = parseDocument(scanned.source, { xmlMode: true });
  const root = dom.children.filter(isElement).find((e) => ['rss', 'feed', 'rdf:rdf'].includes(e.name.toLowerCase()));
  if (root === undefined) throw createError('FEED_INVALID', { input, detail: 'no <rss>, <feed> or <rdf:RDF> root element' });

  if (root.name.toLowerCase() === 'feed') return atom(root, maxItems, input);
  return rss(root, maxItems, input);
}

function checkCount(count: number, maxItems: number, input: string): void {
  if (count > maxItems) throw createError('FEED_INVALID', { input, detail: `it has ${count} items, over the limit of ${maxItems}` });
}

/** RSS `<author>` is `email (Name)`: keep the name when there is one. */
function rssAuthor(raw: string | undefined): string | undefined {
  const m = raw === undefined ? null : /^\S+@\S+\s*\((.+)\)\s*$/.exec(raw);
  return m?.[1]?.trim() ?? raw;
}

function rss(root: Element, maxItems: number, input: string): ParsedFeed {
  const channel = child(root, 'channel') ?? root;
  const itemEls = DomUtils.getElementsByTagName((name) => name.toLowerCase() === 'item', root.children, true);
  checkCount(itemEls.length, maxItems, input);
  const language = text(child(channel, 'language', 'dc:language'));
  const items = itemEls.map((item, i): FeedItem => {
    const fullEl = child(item, 'content:encoded');
    const descEl = child(item, 'description');
    const full = fullEl === undefined ? undefined : markup(fullEl);
    const desc = descEl === undefined ? undefined : markup(descEl);
    const content = full || desc || undefined;
    const flattened = content !== undefined && tooDeep(full ? fullEl! : descEl!);
    const guid = child(item, 'guid');
    const permalink = guid !== undefined && (guid.attribs['isPermaLink'] ?? 'true') !== 'false' ? text(guid) : undefined;
    return {
      index: i + 1,
      title: text(child(item, 'title')),
      link: text(child(item, 'link')) ?? (permalink && /^https?:\/\//i.test(permalink) ? permalink : undefined) ?? item.attribs['rdf:about'],
      published: text(child(item, 'pubdate', 'dc:date', 'published')),
      author: rssAuthor(text(child(item, 'dc:creator', 'author'))),
      language: text(child(item, 'dc:language')) ?? language,
      content,
      html: content !== undefined && !flattened && looksHtml(content),
      full: Boolean(full),
      ...(flattened ? { flattened } : {}),
    };
  });
  return { title: text(child(channel, 'title')), language, items };
}

function atom(root: Element, maxItems: number, input: string): ParsedFeed {
  const entries = children(root).filter((c) => c.name.toLowerCase() === 'entry');
  checkCount(entries.length, maxItems, input);
  const language = root.attribs['xml:lang'];
  const items = entries.map((entry, i): FeedItem => {
    const contentEl = child(entry, 'content');
    const summaryEl = child(entry, 'summary');
    const pick = contentEl !== undefined && contentEl.attribs['src'] === undefined && markup(contentEl) !== '' ? contentEl : summaryEl;
    const content = pick === undefined ? undefined : markup(pick) || undefined;
    const type = (pick?.attribs['type'] ?? 'text').toLowerCase();
    const flattened = content !== undefined && pick !== undefined && tooDeep(pick);
    const links = children(entry).filter((c) => c.name.toLowerCase() === 'link');
    const link = links.find((l) => (l.attribs['rel'] ?? 'alternate') === 'alternate') ?? links[0];
    const author = child(entry, 'author');
    return {
      index: i + 1,
      title: text(child(entry, 'title')),
      link: link?.attribs['href'],
      published: text(child(entry, 'published', 'updated', 'dc:date')),
      author: author === undefined ? undefined : (text(child(author, 'name')) ?? text(author)),
      language: entry.attribs['xml:lang'] ?? language,
      content,
      html: content !== undefined && !flattened && (type === 'html' || type === 'xhtml' || type.includes('html')),
      full: pick !== undefined && pick === contentEl,
      ...(flattened ? { flattened } : {}),
    };
  });
  return { title: text(child(root, 'title')), language, items };
}
