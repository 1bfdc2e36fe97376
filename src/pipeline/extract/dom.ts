/**
 * A small, linear-time HTML tree for extraction.
 *
 * htmlparser2's tokenizer does the lexing (entities, raw-text elements, comments); the tree is
 * built here rather than by htmlparser2's `Parser`, whose open-element stack is shifted and
 * searched linearly on every tag and so turns deeply nested or unbalanced input quadratic
 * (100,000 nested `<div>`s take seconds). Here the stack is an array pushed and popped at its end,
 * with a per-name count so a stray end tag is rejected in O(1), which keeps the whole parse
 * linear in the input size.
 *
 * Like browsers, the tree stops growing downwards at {@link TreeOptions.maxDepth}: elements opened
 * deeper are attached to the deepest allowed ancestor (so their text is kept, in order) and the
 * tree reports how many were flattened. Every element records where it starts and ends in the
 * source, for `layer: 'source'` spans.
 */
import { Tokenizer, type QuoteType } from 'htmlparser2';

export class HtmlText {
  constructor(
    public data: string,
    public readonly parent: HtmlElement,
  ) {}
}

export class HtmlElement {
  readonly children: HtmlNode[] = [];
  /** Position in document order (the root is 0): index into {@link HtmlTree.elements} and per-element arrays. */
  readonly index: number;
  /** Offset of the `<` of the start tag in the source. */
  readonly start: number;
  /** Offset just past the end tag (or where the element was implicitly closed). */
  end: number;

  constructor(
    public readonly tag: string,
    public readonly attrs: Readonly<Record<string, string>>,
    public readonly parent: HtmlElement | null,
    start: number,
    index: number,
  ) {
    this.index = index;
    this.start = start;
    this.end = start;
  }

  attr(name: string): string | undefined {
    return this.attrs[name];
  }
}

export type HtmlNode = HtmlElement | HtmlText;

export interface HtmlTree {
  /** Synthetic root (`#root`) holding the top-level nodes. */
  readonly root: HtmlElement;
  /**
   * Every element in document order, the root first: a parent always comes before its children,
   * so walking this array backwards visits children before parents.
   */
  readonly elements: readonly HtmlElement[];
  /** Deepest nesting seen in the source (before flattening). */
  readonly maxDepthSeen: number;
  /** Elements attached higher up because they were opened deeper than the limit. */
  readonly flattened: number;
  /** Start tags ignored because the tree already held {@link TreeOptions.maxElements} elements (their text is kept). */
  readonly ignored: number;
}

export interface TreeOptions {
  /** Deepest nesting kept as a tree; deeper elements are flattened. Browsers use 512. */
  readonly maxDepth: number;
  /**
   * Most elements in the tree. Past it, start tags are ignored and their text goes to the
   * element open at that point, which bounds the memory a hostile page can take.
   */
  readonly maxElements?: number;
}

/** Elements whose content the tokenizer reads as raw text: if ignored, their text must be dropped. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

/** Shared by every element without attributes (most of them); frozen so nothing writes to it. */
const NO_ATTRS = Object.freeze({}) as Record<string, string>;

const VOID = new Set([
  'area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen',
  'link', 'meta', 'param', 'source', 'track', 'wbr',
]);

const P = new Set(['p']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);
const FORM_CONTROLS = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const DD_DT = new Set(['dd', 'dt']);
const TABLE_SECTIONS = new Set(['thead', 'tbody']);

/** Start tags that close an open element of the given names first (HTML's implied end tags, simplified as htmlparser2 does). */
const OPEN_IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['a', new Set(['a'])],
  ['li', new Set(['li'])],
  ['p', P],
  ['h1', HEADINGS], ['h2', HEADINGS], ['h3', HEADINGS], ['h4', HEADINGS], ['h5', HEADINGS], ['h6', HEADINGS],
  ['select', FORM_CONTROLS], ['input', FORM_CONTROLS], ['output', FORM_CONTROLS], ['button', FORM_CONTROLS],
  ['datalist', FORM_CONTROLS], ['textarea', FORM_CONTROLS],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DD_DT], ['dt', DD_DT],
  ...['address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer',
    'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'].map((t) => [t, P] as [string, ReadonlySet<string>]),
  ['tbody', TABLE_SECTIONS],
  ['tfoot', TABLE_SECTIONS],
]);

/** Parse HTML into a tree. Linear in the input size whatever its nesting. */
/** The tokenizer's state this file reads and moves (htmlparser2 12 keeps them private). */
interface TokenizerScan {
  buffer: string;
  offset: number;
  index: number;
  /** Where the next occurrence of each character code is, from the last search: searches move forward only. */
  nextAt?: Map<number, number>;
  /** The buffer {@link nextAt} was searched in. */
  nextIn?: string;
  stateText(c: number): void;
  handleInAttributeValue(c: number, quote: number): void;
}

const LT = 0x3c;
const AMP = 0x26;

/** Position in the buffer of the next `code` at or after `from` (the buffer's length when none), each character searched for once per stretch. */
function nextOf(t: TokenizerScan, code: number, from: number): number {
  if (t.nextIn !== t.buffer) {
    t.nextAt = new Map();
    t.nextIn = t.buffer;
  }
  const cache = t.nextAt!;
  const known = cache.get(code);
  if (known !== undefined && known >= from) return known;
  const found = t.buffer.indexOf(String.fromCharCode(code), from);
  const at = found < 0 ? t.buffer.length : found;
  cache.set(code, at);
  return at;
}

/**
 * htmlparser2's tokenizer with the same states, but plain runs of text and attribute values are
 * skipped with native `indexOf` (each stop character searched for once per stretch) instead of one
 * state-machine step per character: the tokens and their offsets are the same, parsing is faster.
 */
class FastTokenizer extends Tokenizer {}
{
  const base = Tokenizer.prototype as unknown as TokenizerScan & { fastForwardTo(c: number): boolean };
  const fast = FastTokenizer.prototype as unknown as TokenizerScan & { fastForwardTo(c: number): boolean };
  const stateText = base.stateText;
  const handleInAttributeValue = base.handleInAttributeValue;
  fast.fastForwardTo = function (this: TokenizerScan, c: number): boolean {
    const at = nextOf(this, c, this.index + 1 - this.offset);
    // As the original: stop on the character, or leave the index on the buffer's last one.
    this.index = (at < this.buffer.length ? at : this.buffer.length - 1) + this.offset;
    return at < this.buffer.length;
  };
  fast.stateText = function (this: TokenizerScan, c: number): void {
    if (c === LT || c === AMP) {
      stateText.call(this, c);
      return;
    }
    // Nothing happens until the next `<` or `&`: the parse loop steps onto it next.
    const from = this.index + 1 - this.offset;
    this.index = Math.min(nextOf(this, LT, from), nextOf(this, AMP, from)) + this.offset - 1;
  };
  fast.handleInAttributeValue = function (this: TokenizerScan, c: number, quote: number): void {
    if (c === quote || c === AMP) {
      handleInAttributeValue.call(this, c, quote);
      return;
    }
    const from = this.index + 1 - this.offset;
    this.index = Math.min(nextOf(this, quote, from), nextOf(this, AMP, from)) + this.offset - 1;
  };
}

export function parseHtml(html: string, options: TreeOptions): HtmlTree {
  const builder = new TreeBuilder(html, options.maxDepth, options.maxElements ?? Infinity);
  const tokenizer = new FastTokenizer({ xmlMode: false, decodeEntities: true }, builder);
  tokenizer.write(html);
  tokenizer.end();
  builder.finish(html.length);
  return { root: builder.root, elements: builder.elements, maxDepthSeen: builder.maxDepthSeen, flattened: builder.flattened, ignored: builder.ignored };
}

class TreeBuilder {
  readonly root = new HtmlElement('#root', NO_ATTRS, null, 0, 0);
  readonly elements: HtmlElement[] = [this.root];
  maxDepthSeen = 0;
  flattened = 0;
  ignored = 0;
  /** Set while inside an ignored raw-text element, whose text is not page text. */
  private ignoringRawText = '';
  /** Start tags ignored past the element limit and not yet ended, by name. */
  private readonly ignoredOpen = new Map<string, number>();
  /** Tag and attribute names, shared between elements instead of one string each. */
  private readonly names = new Map<string, string>();

  /** Open elements, innermost last. */
  private readonly stack: HtmlElement[] = [];
  /** How many elements of each name are open: O(1) "is a `<name>` open?". */
  private readonly openCount = new Map<string, number>();
  private foreignDepth = 0;

  private tagName = '';
  private tagStart = 0;
  /** Attributes of the start tag being read; the shared empty object until one is seen. */
  private attrs: Record<string, string> | null = null;
  private attrName = '';
  private attrValue = '';

  constructor(
    private readonly html: string,
    private readonly maxDepth: number,
    private readonly maxElements: number,
  ) {}

  private name(start: number, end: number): string {
    const raw = this.html.slice(start, end);
    const known = this.names.get(raw);
    if (known !== undefined) return known;
    const lower = raw.toLowerCase();
    const interned = this.names.get(lower) ?? lower;
    if (this.names.size < 10_000) {
      this.names.set(raw, interned);
      this.names.set(lower, interned);
    }
    return interned;
  }

  /** Where new children go: the innermost open element, or the deepest one allowed. */
  private get insertionParent(): HtmlElement {
    const n = this.stack.length;
    if (n === 0) return this.root;
    return n <= this.maxDepth ? this.stack[n - 1]! : this.stack[this.maxDepth - 1]!;
  }

  private get top(): HtmlElement | undefined {
    return this.stack[this.stack.length - 1];
  }

  private appendText(data: string): void {
    if (data === '' || this.ignoringRawText !== '') return;
    const parent = this.insertionParent;
    const last = parent.children[parent.children.length - 1];
    if (last instanceof HtmlText) last.data += data;
    else parent.children.push(new HtmlText(data, parent));
  }

  private pop(end: number): void {
    const el = this.stack.pop();
    if (!el) return;
    el.end = end;
    const c = this.openCount.get(el.tag) ?? 1;
    this.openCount.set(el.tag, c - 1);
    if (el.tag === 'svg' || el.tag === 'math') this.foreignDepth--;
  }

  private open(tag: string, attrs: Record<string, string>, start: number, end: number): void {
    const closes = OPEN_IMPLIES_CLOSE.get(tag);
    if (closes) {
      while (this.top && closes.has(this.top.tag)) this.pop(start);
    }
    if (this.elements.length > this.maxElements) {
      this.ignored++;
      if (RAW_TEXT.has(tag)) this.ignoringRawText = tag;
      else if (!VOID.has(tag)) this.ignoredOpen.set(tag, (this.ignoredOpen.get(tag) ?? 0) + 1);
      return;
    }
    const parent = this.insertionParent;
    const el = new HtmlElement(tag, attrs, parent, start, this.elements.length);
    parent.children.push(el);
    this.elements.push(el);
    if (VOID.has(tag)) {
      el.end = end;
      return;
    }
    if (this.stack.length >= this.maxDepth) this.flattened++;
    this.stack.push(el);
    if (this.stack.length > this.maxDepthSeen) this.maxDepthSeen = this.stack.length;
    this.openCount.set(tag, (this.openCount.get(tag) ?? 0) + 1);
    if (tag === 'svg' || tag === 'math') this.foreignDepth++;
  }

  private close(tag: string, start: number, end: number): void {
    if (this.ignoringRawText !== '') {
      if (tag === this.ignoringRawText) this.ignoringRawText = '';
      return;
    }
    // The end tag of an ignored start tag is ignored too, rather than closing an earlier element.
    const ignored = this.ignoredOpen.get(tag);
    if (ignored !== undefined && ignored > 0) {
      this.ignoredOpen.set(tag, ignored - 1);
      return;
    }
    if (VOID.has(tag)) {
      if (tag === 'br') this.open('br', NO_ATTRS, start, end);
      return;
    }
    if ((this.openCount.get(tag) ?? 0) > 0) {
      // Pop up to and including the innermost open element of that name: each element is popped once.
      for (;;) {
        const el = this.top;
        if (!el) break;
        this.pop(el.tag === tag ? end : start);
        if (el.tag === tag) break;
      }
    } else if (tag === 'p') {
      // `</p>` with no open `<p>` is an empty paragraph, as in browsers.
      this.open('p', NO_ATTRS, start, end);
      this.pop(end);
    }
  }

  finish(length: number): void {
    while (this.stack.length > 0) this.pop(length);
    this.root.end = length;
  }

  // ── tokenizer callbacks ─────────────────────────────────────────────────────
  ontext(start: number, end: number): void {
    this.appendText(this.html.slice(start, end));
  }
  ontextentity(codepoint: number): void {
    this.appendText(String.fromCodePoint(codepoint));
  }
  onopentagname(start: number, end: number): void {
    this.tagName = this.name(start, end);
    this.tagStart = start - 1;
    this.attrs = NO_ATTRS;
    // The HTML parser ignores a second <form> while one is open.
    if (this.tagName === 'form' && (this.openCount.get('form') ?? 0) > 0) this.tagName = '';
  }
  onattribname(start: number, end: number): void {
    this.attrName = this.name(start, end);
    this.attrValue = '';
  }
  onattribdata(start: number, end: number): void {
    this.attrValue += this.html.slice(start, end);
  }
  onattribentity(codepoint: number): void {
    this.attrValue += String.fromCodePoint(codepoint);
  }
  onattribend(_quote: QuoteType, _end: number): void {
    if (this.attrs) {
      if (this.attrs === NO_ATTRS) this.attrs = {};
      if (!Object.hasOwn(this.attrs, this.attrName)) this.attrs[this.attrName] = this.attrValue;
    }
    this.attrValue = '';
  }
  onopentagend(end: number): void {
    if (this.tagName !== '' && this.attrs) this.open(this.tagName, this.attrs, this.tagStart, end + 1);
    this.tagName = '';
    this.attrs = null;
  }
  onselfclosingtag(end: number): void {
    const tag = this.tagName;
    this.onopentagend(end);
    // `<x/>` closes itself only inside SVG or MathML; in HTML the slash is ignored.
    if (this.foreignDepth > 0 && tag !== '' && this.top?.tag === tag) this.pop(end + 1);
  }
  onclosetag(start: number, end: number): void {
    this.close(this.name(start, end), start - 2, end + 1);
  }
  oncomment(): void {}
  oncdata(): void {}
  ondeclaration(): void {}
  onprocessinginstruction(): void {}
  onend(): void {}
  isInForeignContext(): boolean {
    return this.foreignDepth > 0;
  }
}

/** Visit every element under `from` in document order; return `false` from `visit` to skip an element's subtree. */
export function walkElements(from: HtmlElement, visit: (el: HtmlElement) => boolean | void): void {
  // Iterative, so that no depth limit is needed here.
  const stack: HtmlNode[] = [];
  for (let i = from.children.length - 1; i >= 0; i--) stack.push(from.children[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!(node instanceof HtmlElement)) continue;
    if (visit(node) === false) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}

/** All text under an element, raw (no whitespace normalisation), skipping nothing. */
export function rawText(el: HtmlElement): string {
  let out = '';
  const stack: HtmlNode[] = [el];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node instanceof HtmlText) out += node.data;
    else for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

/** The first element with this tag name under `from`, in document order. */
export function findFirst(from: HtmlElement, tag: string): HtmlElement | undefined {
  let found: HtmlElement | undefined;
  walkElements(from, (el) => {
    if (found) return false;
    if (el.tag === tag) {
      found = el;
      return false;
    }
    return true;
  });
  return found;
}
