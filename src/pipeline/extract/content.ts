/**
 * Main-content extraction from an HTML tree.
 *
 * 1. Furniture is marked for removal by tag, ARIA role, hidden state and class/id patterns (the
 *    trafilatura idea; `rules/boilerplate.json`), unless the element holds most of the page's
 *    prose, or is long prose that merely carries such a class.
 * 2. The remaining blocks vote for their ancestors as Mozilla Readability does (length and commas,
 *    weighted by class and tag, discounted by link density); the best container wins, with its
 *    siblings that read as more of the same, and with blocks elsewhere that share its tag and
 *    class (articles split into chunks around ad rails).
 * 3. The containers' text is laid out as paragraphs (`<br>` and blocks break them; a data-table
 *    row is one paragraph). Nested blocks that look like link lists, ad slots or forms
 *    (Readability's conditional cleaning) are left out, and so are short blocks that are mostly
 *    links to the page's own site, captions beside images, and lines whose wording is furniture
 *    (`rules/phrases.json`: "Read more", bylines, credits, share prompts).
 * 4. If that leaves too little text, it is tried again without class rules, then without
 *    conditional cleaning, and the longest result is kept.
 *
 * Every pass is a loop over the elements in document order or its reverse: linear in the page.
 * Whatever is dropped from inside the article (the containers, up to the nearest <article> or
 * <main> around them) is reported with its rule and its span in the source.
 */
import { HtmlElement, HtmlText, type HtmlTree } from './dom.js';
import { rules, type ClassRule } from './rules.js';

/** A block left out of the article, for the extract stage's info messages. */
export interface RemovedBlock {
  readonly ruleId: string;
  readonly reason: string;
  readonly excerpt: string;
  /** Offsets of the element in the HTML source. */
  readonly start: number;
  readonly end: number;
}

export interface ContentResult {
  readonly paragraphs: readonly string[];
  readonly removed: readonly RemovedBlock[];
  /** Blocks left out past the reporting limit: counted, so nothing is dropped without a word. */
  readonly unreported: number;
}

export interface ContentOptions {
  /** The page's URL, to tell links to the same site (navigation, related stories) from others. */
  readonly url?: string;
  /** The page's title, to drop a heading that repeats it. */
  readonly title?: string;
  /** Most removed blocks reported per page. */
  readonly maxReported: number;
}

/** Elements whose text is never shown. */
const INVISIBLE = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'math', 'textarea', 'select', 'option', 'iframe', 'object']);

/** Phrasing elements: their text flows into the enclosing block's lines. */
const INLINE = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd',
  'mark', 'nobr', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt',
  'u', 'var', 'wbr', 'img', 'label', 'br',
]);

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Elements whose class names say nothing about furniture: the page itself and table internals (rows named `player-…`, `ad-row`…). */
const NO_CLASS_RULES = new Set(['html', 'body', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup', 'col']);

/** Most blocks joined to the container for sharing its class: an article is not split in more parts. */
const MAX_COUSINS = 50;

/** Blocks that Readability re-checks inside the article ("clean conditionally"). */
const CONDITIONAL = new Set(['div', 'section', 'ul', 'ol', 'dl', 'table', 'form', 'fieldset', 'aside', 'nav', 'article']);

/** Readability's base score by tag for a candidate container. */
function tagBase(tag: string): number {
  switch (tag) {
    case 'div':
    case 'article':
    case 'main':
    case 'section':
      return 5;
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3;
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      return -3;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5;
    default:
      return 0;
  }
}

// Readability's pattern, with `hidden` only as a whole class name (`hidden-xs` is visible on wide screens).
const NEGATIVE_WEIGHT = /-ad-|(?:^|\s)(?:is-)?hidden(?:\s|$)|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget/i;
const POSITIVE_WEIGHT = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story|paragraph/i;

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

const HIDDEN_RULE: ClassRule = { id: 'hidden', reason: 'hidden from readers (hidden, aria-hidden or display:none)' };
const INHERITED: ClassRule = { id: '', reason: '' };
const GALLERY_RULE: ClassRule = { id: 'gallery', reason: 'a photo gallery or slideshow inside the article: its captions are not the article text' };

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 0x200b || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x3000 || c === 0x202f;
}

/** Non-space characters in a string. */
function countChars(s: string): number {
  let chars = 0;
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) chars++;
  return chars;
}

/** Commas (Latin, full-width, Arabic, ideographic) in a string. */
function countCommas(s: string): number {
  let commas = 0;
  for (let i = s.indexOf(','); i >= 0; i = s.indexOf(',', i + 1)) commas++;
  if (/[\uff0c\u060c\u3001]/.test(s)) for (const ch of s) if (ch === '\uff0c' || ch === '\u060c' || ch === '\u3001') commas++;
  return commas;
}

/** Text counts of each element's own text nodes, measured once per page and shared by every attempt. */
interface OwnText {
  readonly chars: Int32Array;
  readonly commas: Int32Array;
}

function measureOwnText(tree: HtmlTree): OwnText {
  const n = tree.elements.length;
  const chars = new Int32Array(n);
  const commas = new Int32Array(n);
  for (let i = 1; i < n; i++) {
    const el = tree.elements[i]!;
    if (INVISIBLE.has(el.tag)) continue;
    for (const c of el.children) {
      if (c instanceof HtmlText) {
        chars[i]! += countChars(c.data);
        commas[i]! += countCommas(c.data);
      }
    }
  }
  return { chars, commas };
}

export function normalizeSpace(s: string): string {
  return s.replace(/\u200b|\u200c|\u200d|\u2060|\ufeff|\u00ad/g, '').replace(/\s+/g, ' ').trim();
}

function classOf(el: HtmlElement): string {
  const c = el.attrs['class'];
  const id = el.attrs['id'];
  return c === undefined ? (id ?? '') : id === undefined ? c : `${c} ${id}`;
}

interface ClassVerdict {
  /** A token names the article body and no furniture. */
  readonly content: boolean;
  /** The furniture rule matched, when no token is content. */
  readonly rule?: ClassRule;
}

const NO_CLASS: ClassVerdict = { content: false };

function classVerdict(el: HtmlElement): ClassVerdict {
  const value = classOf(el);
  const itemprop = el.attrs['itemprop'];
  if (itemprop !== undefined && rules.contentItemprops.has(itemprop.toLowerCase())) return { content: true };
  if (value === '' || isCodeBlock(el)) return NO_CLASS;
  const tokens = value.split(/\s+/);
  // A post entry's descriptive classes (author-jane, category-news) are not furniture.
  if (tokens.some((token) => rules.entryClasses.has(token.toLowerCase()))) return NO_CLASS;
  let rule: ClassRule | undefined;
  for (const token of tokens) {
    if (token === '') continue;
    const furniture = rules.classRule(token);
    if (rules.isContentClass(token) && !furniture) return { content: true };
    rule ??= furniture;
  }
  return rule ? { content: false, rule } : NO_CLASS;
}

/**
 * A code block (`<pre>`, or a wrapper holding only `<pre>`s, as highlighters write them): its class
 * names the language or highlighter ('highlight-source-shell'), never article furniture, and the
 * dates in its code are no date line of the page.
 */
function isCodeBlock(el: HtmlElement): boolean {
  if (el.tag === 'pre') return true;
  let pre = false;
  for (const c of el.children) {
    if (c instanceof HtmlElement) {
      if (c.tag !== 'pre') return false;
      pre = true;
    }
  }
  return pre;
}

function readabilityWeight(el: HtmlElement): number {
  const w = rules.thresholds.classWeight;
  let weight = 0;
  for (const value of [el.attrs['class'], el.attrs['id']]) {
    if (!value) continue;
    if (NEGATIVE_WEIGHT.test(value)) weight -= w;
    if (POSITIVE_WEIGHT.test(value)) weight += w;
  }
  return weight;
}

/** Per-element figures, indexed by {@link HtmlElement.index}. */
class Figures {
  /** Visible text (non-space characters) under the element, before removal. */
  readonly rawText: Int32Array;
  /** Text inside `<p>` elements under the element, before removal. */
  readonly rawParaText: Int32Array;
  /** Why the element is removed (INHERITED when an ancestor is). */
  readonly removed: (ClassRule | undefined)[];
  readonly content: Uint8Array;
  /** Kept text, link text and commas under the element. */
  readonly text: Int32Array;
  readonly link: Int32Array;
  readonly commas: Int32Array;
  /** Kept text in the element's own lines (text and inline children), with its links and commas. */
  readonly inlineText: Int32Array;
  readonly inlineLink: Int32Array;
  readonly inlineCommas: Int32Array;
  readonly hasBlockChild: Uint8Array;
  /** Counts of kept descendants. */
  readonly paras: Int32Array;
  readonly imgs: Int32Array;
  readonly items: Int32Array;
  readonly inputs: Int32Array;
  readonly embeds: Int32Array;
  readonly headingText: Int32Array;
  readonly listText: Int32Array;
  /** Text inside <blockquote>: quotes and embedded posts, which are content however linky. */
  readonly quoteText: Int32Array;
  readonly dataTables: Int32Array;
  /** 1 for a `<table>` that holds data rather than layout. */
  readonly isData: Uint8Array;
  /** 2 for an element classed as a photo gallery, 1 for one inside such an element. */
  readonly gallery: Uint8Array;

  constructor(n: number) {
    this.rawText = new Int32Array(n);
    this.rawParaText = new Int32Array(n);
    this.removed = new Array<ClassRule | undefined>(n);
    this.content = new Uint8Array(n);
    this.text = new Int32Array(n);
    this.link = new Int32Array(n);
    this.commas = new Int32Array(n);
    this.inlineText = new Int32Array(n);
    this.inlineLink = new Int32Array(n);
    this.inlineCommas = new Int32Array(n);
    this.hasBlockChild = new Uint8Array(n);
    this.paras = new Int32Array(n);
    this.imgs = new Int32Array(n);
    this.items = new Int32Array(n);
    this.inputs = new Int32Array(n);
    this.embeds = new Int32Array(n);
    this.headingText = new Int32Array(n);
    this.listText = new Int32Array(n);
    this.quoteText = new Int32Array(n);
    this.dataTables = new Int32Array(n);
    this.isData = new Uint8Array(n);
    this.gallery = new Uint8Array(n);
  }
}

interface Settings {
  readonly useClassRules: boolean;
  readonly cleanConditionally: boolean;
}

/** Extract the main text of a page as paragraphs, and what was left out of it. */
export function extractContent(tree: HtmlTree, options: ContentOptions): ContentResult {
  const attempts: Settings[] = [
    { useClassRules: true, cleanConditionally: true },
    { useClassRules: false, cleanConditionally: true },
    { useClassRules: false, cleanConditionally: false },
  ];
  const own = measureOwnText(tree);
  let best: ContentResult | undefined;
  let bestLength = -1;
  for (const settings of attempts) {
    const result = extractWith(tree, own, options, settings);
    const length = result.paragraphs.reduce((sum, p) => sum + p.length, 0);
    if (length >= rules.thresholds.minArticleChars) return result;
    if (length > bestLength) {
      best = result;
      bestLength = length;
    }
  }
  return best!;
}

function extractWith(tree: HtmlTree, own: OwnText, options: ContentOptions, settings: Settings): ContentResult {
  const els = tree.elements;
  const n = els.length;
  const f = new Figures(n);
  const t = rules.thresholds;

  // ── pass 1, bottom-up: visible text before any removal ──────────────────────
  for (let i = n - 1; i >= 1; i--) {
    const el = els[i]!;
    if (INVISIBLE.has(el.tag)) {
      f.rawText[i] = 0;
      f.rawParaText[i] = 0;
      continue;
    }
    f.rawText[i]! += own.chars[i]!;
    if (el.tag === 'p') f.rawParaText[i] = f.rawText[i]!;
    const p = el.parent!.index;
    f.rawText[p]! += f.rawText[i]!;
    f.rawParaText[p]! += f.rawParaText[i]!;
  }
  const pageParaText = f.rawParaText[0]!;
  const pageText = f.rawText[0]!;
  const isProtected = (i: number): boolean =>
    pageParaText >= 500 ? f.rawParaText[i]! > t.protectShare * pageParaText : f.rawText[i]! > t.protectShare * pageText;

  // ── pass 2, top-down: furniture ─────────────────────────────────────────────
  for (let i = 1; i < n; i++) {
    const el = els[i]!;
    if (f.removed[el.parent!.index]) {
      f.removed[i] = INHERITED;
      continue;
    }
    if (f.gallery[el.parent!.index]) f.gallery[i] = 1;
    const tagRule = rules.tagRules.get(el.tag);
    if (tagRule && (tagRule.id === 'non-content-element' || !isProtected(i))) {
      f.removed[i] = tagRule;
      continue;
    }
    const attrs = el.attrs;
    if (
      (attrs['hidden'] !== undefined || attrs['aria-hidden'] === 'true' || (attrs['style'] !== undefined && HIDDEN_STYLE.test(attrs['style']))) &&
      !isProtected(i)
    ) {
      f.removed[i] = HIDDEN_RULE;
      continue;
    }
    const role = attrs['role'];
    if (role !== undefined && rules.roles.has(role.toLowerCase()) && !isProtected(i)) {
      f.removed[i] = rules.roleRule;
      continue;
    }
    if (NO_CLASS_RULES.has(el.tag)) continue;
    const verdict = classVerdict(el);
    if (verdict.rule?.id === 'gallery') f.gallery[i] = 2;
    if (verdict.content) f.content[i] = 1;
    else if (
      verdict.rule &&
      settings.useClassRules &&
      !isProtected(i) &&
      f.rawText[i]! <= (verdict.rule.maxChars ?? Infinity) &&
      !isInSentence(el, verdict.rule, own) &&
      !isSubheading(el, verdict.rule) &&
      !isProvenance(el, f.rawText[i]!)
    ) {
      f.removed[i] = verdict.rule;
    }
  }

  // ── pass 3, bottom-up: what is kept ─────────────────────────────────────────
  for (let i = n - 1; i >= 1; i--) {
    if (f.removed[i]) continue;
    const el = els[i]!;
    if (INVISIBLE.has(el.tag)) continue;
    const chars = own.chars[i]!;
    const commas = own.commas[i]!;
    f.text[i]! += chars;
    f.commas[i]! += commas;
    f.inlineText[i]! += chars;
    f.inlineCommas[i]! += commas;
    const tag = el.tag;
    if (tag === 'a') {
      // Readability counts links to the same page (#…) at 0.3.
      const href = el.attrs['href'];
      f.link[i] = href !== undefined && href.startsWith('#') ? Math.round(f.text[i]! * 0.3) : f.text[i]!;
      f.inlineLink[i] = f.link[i]!;
    } else if (tag === 'p') f.paras[i]!++;
    else if (tag === 'img') f.imgs[i]!++;
    else if (tag === 'li') f.items[i]!++;
    else if (tag === 'input') f.inputs[i]!++;
    else if (tag === 'embed' || tag === 'object' || tag === 'iframe') f.embeds[i]!++;
    else if (HEADINGS.has(tag)) f.headingText[i] = f.text[i]!;
    else if (tag === 'ul' || tag === 'ol') f.listText[i] = f.text[i]!;
    else if (tag === 'blockquote') f.quoteText[i] = f.text[i]!;
    else if (tag === 'table' && isDataTable(el)) {
      f.dataTables[i]!++;
      f.isData[i] = 1;
    }
    const p = el.parent!.index;
    f.text[p]! += f.text[i]!;
    f.link[p]! += f.link[i]!;
    f.commas[p]! += f.commas[i]!;
    f.paras[p]! += f.paras[i]!;
    f.imgs[p]! += f.imgs[i]!;
    f.items[p]! += f.items[i]!;
    f.inputs[p]! += f.inputs[i]!;
    f.embeds[p]! += f.embeds[i]!;
    f.headingText[p]! += f.headingText[i]!;
    f.listText[p]! += f.listText[i]!;
    f.quoteText[p]! += f.quoteText[i]!;
    f.dataTables[p]! += f.dataTables[i]!;
    if (INLINE.has(tag)) {
      f.inlineText[p]! += f.text[i]!;
      f.inlineLink[p]! += f.link[i]!;
      f.inlineCommas[p]! += f.commas[i]!;
    } else {
      f.hasBlockChild[p] = 1;
    }
  }

  // ── pass 4: blocks vote for their containers (Readability) ──────────────────
  const score = new Float64Array(n);
  const scored = new Uint8Array(n);
  const initialise = (a: HtmlElement): void => {
    const i = a.index;
    if (scored[i]) return;
    scored[i] = 1;
    score[i] = tagBase(a.tag) + readabilityWeight(a) + (f.content[i] ? t.contentClassBonus : 0);
  };
  for (let i = 1; i < n; i++) {
    if (f.removed[i]) continue;
    const el = els[i]!;
    const tag = el.tag;
    if (INLINE.has(tag) || INVISIBLE.has(tag) || tag === 'li' || tag === 'h1' || tag === 'dt' || tag === 'dd' || tag === 'ul' || tag === 'ol') continue;
    const len = f.inlineText[i]!;
    if (len < t.minParagraphChars) continue;
    const contentScore = 1 + f.inlineCommas[i]! + Math.min(Math.floor(len / 85), 3);
    // A paragraph votes from its parent up; a block with its own lines beside nested blocks, or a
    // table cell (the column of a layout table), votes for itself first.
    let a: HtmlElement | null = f.hasBlockChild[i] || tag === 'td' ? el : el.parent;
    for (let level = 0; level < 5 && a && a.index !== 0; level++, a = a.parent) {
      initialise(a);
      score[a.index]! += contentScore / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
    }
  }
  const linkDensity = (i: number): number => (f.text[i]! === 0 ? 0 : f.link[i]! / f.text[i]!);
  const finalScore = new Float64Array(n);
  let top: HtmlElement | undefined;
  const ranked: number[] = [];
  for (let i = 1; i < n; i++) {
    if (!scored[i]) continue;
    finalScore[i] = score[i]! * (1 - linkDensity(i)) * (f.gallery[i] ? t.galleryScoreShare : 1);
    ranked.push(i);
  }
  ranked.sort((x, y) => finalScore[y]! - finalScore[x]!);
  const topIndex = ranked[0];
  const body = els.find((e) => e.tag === 'body') ?? tree.root;
  if (topIndex === undefined || els[topIndex]!.tag === 'body' || els[topIndex]!.tag === 'html') {
    top = body;
  } else {
    top = els[topIndex]!;
    top = refineTop(top, ranked.slice(1, 5).map((i) => els[i]!), finalScore, scored, body);
  }

  // Siblings that look like more of the same (Readability).
  const chosen: HtmlElement[] = [];
  const parent = top.parent;
  if (!parent || top === body) chosen.push(top);
  else {
    const topScore = finalScore[top.index]!;
    const threshold = Math.max(10, topScore * t.siblingScoreShare);
    const topClass = top.attrs['class'] ?? '';
    for (const sib of parent.children) {
      if (!(sib instanceof HtmlElement) || f.removed[sib.index]) continue;
      if (sib === top) {
        chosen.push(sib);
        continue;
      }
      let bonus = 0;
      if (topClass !== '' && sib.attrs['class'] === topClass) bonus += topScore * 0.2;
      const si = sib.index;
      if (scored[si] && finalScore[si]! + bonus >= threshold) {
        chosen.push(sib);
        continue;
      }
      // A paragraph, or a block holding only lines of text, joins when it reads as prose.
      if (sib.tag === 'p' || (!f.hasBlockChild[si] && !INLINE.has(sib.tag))) {
        const len = f.text[si]!;
        const ld = linkDensity(si);
        if ((len > 65 && ld < 0.25) || (len > 0 && len <= 65 && ld === 0 && /\.( |$)/.test(normalizeSpace(textOf(sib))))) chosen.push(sib);
      }
    }
  }

  // Articles split into several blocks of the same kind (`div.article__body` twice, with an ad
  // rail between) are read whole: every block with the container's tag and class joins it.
  // Numbered chunks (`story-body-1`, `story-body-2`) are blocks of the same kind, and so are blocks
  // of the kind of the container's only child (the chunk inside a layout wrapper).
  const kinds: { tag: string; signature: string; score: number }[] = [];
  for (let k: HtmlElement | undefined = top === body ? undefined : top; k && kinds.length < 4; ) {
    const signature = classSignature(k.attrs['class']);
    if (signature !== '') kinds.push({ tag: k.tag, signature, score: Math.min(finalScore[top.index]!, scored[k.index] ? finalScore[k.index]! : Infinity) });
    const kids = elementChildren(k);
    k = kids.length === 1 ? kids[0] : undefined;
  }
  if (kinds.length > 0) {
    // A subtree is a run of consecutive indices: the last index under each element tells
    // ancestors and descendants apart in O(1).
    const last = new Int32Array(n);
    for (let i = n - 1; i >= 1; i--) {
      if (last[i]! < i) last[i] = i;
      const p = els[i]!.parent!.index;
      if (last[i]! > last[p]!) last[p] = last[i]!;
    }
    const inChosen = (i: number): boolean => chosen.some((c) => i >= c.index && i <= last[c.index]!);
    const tags = new Set(kinds.map((k) => k.tag));
    const cousins: HtmlElement[] = [];
    for (let i = 1; i < n; i++) {
      const el = els[i]!;
      if (!tags.has(el.tag) || f.removed[i] || el.attrs['class'] === undefined) continue;
      const signature = classSignature(el.attrs['class']);
      const kind = kinds.find((k) => k.tag === el.tag && k.signature === signature);
      if (kind === undefined) continue;
      if (f.text[i]! < t.minArticleChars || linkDensity(i) > 0.3) continue;
      // It must read as article text in its own right, not just share a grid class: it scores,
      // or it holds several paragraphs of prose.
      const prose = f.paras[i]! >= 3 && f.text[i]! / f.paras[i]! >= 80;
      if (!prose && (!scored[i] || finalScore[i]! < kind.score * t.cousinScoreShare)) continue;
      // Not inside (or around) what is already chosen, nor inside an earlier cousin.
      if (inChosen(i) || chosen.some((c) => c.index > i && c.index <= last[i]!)) continue;
      const prev = cousins[cousins.length - 1];
      if (prev && i <= last[prev.index]!) continue;
      cousins.push(el);
      if (cousins.length >= MAX_COUSINS) break;
    }
    chosen.push(...cousins);
    chosen.sort((a, b) => a.index - b.index);
  }

  // ── pass 5: lay the chosen containers out as paragraphs ─────────────────────
  const layout = new Layout(f, settings, options, chosen);
  for (const el of chosen) layout.block(el, true);
  layout.flush();

  // Furniture of the article around the chosen text (its header, share bar, byline, figures) is
  // reported too: everything removed inside the nearest <article> or <main> holding the text.
  let region: HtmlElement | null = chosen[0]!.parent;
  while (region && region !== body && region.tag !== 'article' && region.tag !== 'main') region = region.parent;
  if (region && region !== body) {
    const skip = new Set(chosen);
    const stack: HtmlElement[] = [region];
    while (stack.length > 0) {
      const el = stack.pop()!;
      const rule = f.removed[el.index];
      if (rule) {
        if (rule !== INHERITED && f.rawText[el.index]! > 0) layout.report(el, rule);
        continue;
      }
      for (let k = el.children.length - 1; k >= 0; k--) {
        const c = el.children[k]!;
        if (c instanceof HtmlElement && !skip.has(c)) stack.push(c);
      }
    }
  }
  const removed = [...layout.removedBlocks].sort((a, b) => a.start - b.start);
  return { paragraphs: layout.paragraphs, removed, unreported: layout.unreported };
}

/** Readability's adjustments to the top candidate: a shared ancestor of close rivals, a better-scoring parent, an only child's parent. */
function refineTop(top: HtmlElement, rivals: HtmlElement[], score: Float64Array, scored: Uint8Array, body: HtmlElement): HtmlElement {
  const topScore = score[top.index]!;
  const close = rivals.filter((r) => score[r.index]! / topScore >= 0.75);
  if (close.length >= 3) {
    let p = top.parent;
    while (p && p !== body && p.index !== 0) {
      let containing = 0;
      for (const r of close) if (isAncestor(p, r)) containing++;
      if (containing >= 3) {
        top = p;
        break;
      }
      p = p.parent;
    }
  }
  let lastScore = score[top.index]!;
  const thresholdFloor = lastScore / 3;
  let p = top.parent;
  while (p && p !== body && p.index !== 0) {
    if (!scored[p.index]) {
      p = p.parent;
      continue;
    }
    const ps = score[p.index]!;
    if (ps < thresholdFloor) break;
    if (ps > lastScore) {
      top = p;
      break;
    }
    lastScore = ps;
    p = p.parent;
  }
  while (top.parent && top.parent !== body && top.parent.index !== 0 && elementChildren(top.parent).length === 1) top = top.parent;
  return top;
}

/** A class attribute with its numbers blanked, so that numbered chunks of one kind compare equal. */
function classSignature(value: string | undefined): string {
  if (value === undefined) return '';
  return value.trim().replace(/\d+/g, '#').split(/\s+/).join(' ');
}

function isAncestor(a: HtmlElement, el: HtmlElement): boolean {
  for (let p = el.parent; p; p = p.parent) if (p === a) return true;
  return false;
}

function elementChildren(el: HtmlElement): HtmlElement[] {
  return el.children.filter((c): c is HtmlElement => c instanceof HtmlElement);
}

function isDataTable(table: HtmlElement): boolean {
  if (table.attrs['role'] === 'presentation') return false;
  if (table.attrs['summary'] || table.attrs['datatable'] === '1') return true;
  let rows = 0;
  let cols = 0;
  let data = false;
  const stack: HtmlElement[] = [table];
  while (stack.length > 0) {
    const e = stack.pop()!;
    for (const c of e.children) {
      if (!(c instanceof HtmlElement)) continue;
      if (c.tag === 'table') return false;
      if (c.tag === 'caption' || c.tag === 'th' || c.tag === 'thead' || c.tag === 'tfoot' || c.tag === 'colgroup' || c.tag === 'col') data = true;
      if (c.tag === 'tr') {
        rows++;
        cols = Math.max(cols, c.children.filter((x) => x instanceof HtmlElement && (x.tag === 'td' || x.tag === 'th')).length);
      }
      stack.push(c);
    }
  }
  return data || rows >= 10 || cols > 4 || rows * cols > 10;
}

/**
 * A link or phrase element inside a line of prose (its parent has text of its own): its words are
 * part of the sentence ("lift trade sanctions on <a class="meta-org">Sudan</a>"), whatever its
 * class says. Only hidden text is taken out of a sentence.
 */
function isInSentence(el: HtmlElement, rule: ClassRule, own: OwnText): boolean {
  if (rule.id === 'hidden' || !INLINE.has(el.tag) || el.tag === 'img' || el.tag === 'br') return false;
  const parent = el.parent;
  return parent !== null && own.chars[parent.index]! > 0;
}

/**
 * A section subheading (h2-h6) is structure of the article: a class or id naming it a title, or
 * an anchor id (`nav_…` for a table of contents) does not make it furniture. Headings of link
 * boxes go with their box, and those left alone are judged by their wording and the links after them.
 */
function isSubheading(el: HtmlElement, rule: ClassRule): boolean {
  return (rule.id === 'article-meta' || rule.id === 'navigation') && HEADINGS.has(el.tag) && el.tag !== 'h1';
}

/** True for a short block that credits the outlet its text was taken from (see `rules.provenance`). */
function isProvenance(el: HtmlElement, length: number): boolean {
  return length <= rules.provenance.maxChars && rules.provenance.pattern.test(textOf(el, rules.provenance.maxChars + 20).replace(/\s+/g, ' ').trim());
}

/** The visible text under an element, blocks and line breaks separated by a space. */
function textOf(el: HtmlElement, limit = Infinity): string {
  let out = '';
  const stack: (HtmlElement | HtmlText)[] = [el];
  while (stack.length > 0 && out.length < limit) {
    const node = stack.pop()!;
    if (node instanceof HtmlText) out += node.data;
    else if (node.tag === 'br') out += ' ';
    else if (!INVISIBLE.has(node.tag)) {
      if (!INLINE.has(node.tag)) out += ' ';
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
  return out;
}

/** The registrable part of a URL's host, roughly: `detroit.cbslocal.com` → `cbslocal.com`, `www.bbc.co.uk` → `bbc.co.uk`. */
function siteOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  const labels = host.split('.');
  if (labels.length <= 2) return host;
  const last = labels[labels.length - 1]!;
  const second = labels[labels.length - 2]!;
  // Country-code second levels (co.uk, com.br, gov.au…) keep one label more.
  const keep = last.length === 2 && second.length <= 3 ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** A link to the page's own site: relative, or to the same registrable host. Without a known site, every link counts. */
function isSameSite(href: string | undefined, site: string | undefined): boolean {
  if (site === undefined || href === undefined) return true;
  const h = href.trim();
  if (!/^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(h)) return !/^(?:mailto|tel|javascript):/i.test(h);
  return siteOf(h.startsWith('//') ? `https:${h}` : h) === site;
}

const AD_WORDS = /^(ad(vertising|vertisement)?|pub(licité)?|werb(ung)?|广告|Реклама|Anuncio)$/iu;
const LOADING_WORDS = /^((loading|正在加载|Загрузка|chargement|cargando)(…|\.\.\.)?)$/iu;

/** Turns the chosen containers into paragraphs, leaving out furniture. */
class Layout {
  readonly paragraphs: string[] = [];
  readonly removedBlocks: RemovedBlock[] = [];
  private parts: string[] = [];
  /** Characters of the block being collected that are inside links to this site. */
  private linkChars = 0;
  /** Open links, innermost last: 1 for a link to this site, 0 for one elsewhere. */
  private readonly links: number[] = [];
  /** The page's site (registrable part of its host), to tell links to it from links elsewhere. */
  private readonly site: string | undefined;
  /** Text in the chosen containers. */
  private readonly rootText: number;
  /** The chosen text is itself a gallery (a page that is only a slideshow): its parts stay. */
  private readonly inGalleryRoot: boolean;
  /** The page title, lowercased, to drop a heading that repeats it. */
  private readonly title: string;
  /** Inside code, preformatted text or a data table: nothing is cleaned conditionally there. */
  private verbatim = 0;
  /** The block whose lines are being collected, and the heading level (0 when not a heading). */
  private owner: HtmlElement | null = null;

  constructor(
    private readonly f: Figures,
    private readonly settings: Settings,
    private readonly options: ContentOptions,
    private readonly roots: readonly HtmlElement[],
  ) {
    this.title = normalizeSpace(options.title ?? '').toLowerCase();
    this.rootText = roots.reduce((sum, r) => sum + f.text[r.index]!, 0);
    this.inGalleryRoot = roots.some((r) => f.gallery[r.index] !== 0);
    this.site = siteOf(options.url);
  }

  /** Blocks with text left out after the reporting limit was reached. */
  unreported = 0;

  report(el: HtmlElement, rule: ClassRule, excerptText?: string): void {
    if (this.removedBlocks.length >= this.options.maxReported) {
      if (excerptText === undefined ? this.f.rawText[el.index]! > 0 : excerptText.trim() !== '') this.unreported++;
      return;
    }
    const excerpt = normalizeSpace(excerptText ?? textOf(el, 2000));
    if (excerpt === '') return;
    this.removedBlocks.push({
      ruleId: rule.id,
      reason: rule.reason,
      excerpt: excerpt.length > 200 ? `${excerpt.slice(0, 199)}…` : excerpt,
      start: el.start,
      end: el.end,
    });
  }

  /** Readability's conditional cleaning: should this nested block be left out? */
  private conditionalRule(el: HtmlElement): ClassRule | undefined {
    const f = this.f;
    const i = el.index;
    const text = f.text[i]!;
    if (text === 0) return undefined;
    if (f.dataTables[i]! > 0 || this.verbatim > 0 || f.quoteText[i]! > 0.5 * text) return undefined;
    const weight = readabilityWeight(el) + (f.content[i] ? rules.thresholds.classWeight : 0);
    // A block classed 'widget' that holds more text than a widget box is prose: page builders
    // class every block of a post '…-widget-text-editor'. (Other short-box classes such as 'meta'
    // keep Readability's rule: letting long ones through cost precision on the dev pages.)
    const verdict = classVerdict(el);
    const longForItsClass = verdict.rule?.id === 'sidebar' && text > (verdict.rule.maxChars ?? Infinity);
    if (weight < 0 && !longForItsClass) return { id: 'negative-class', reason: 'a nested block whose class or id marks it as furniture' };
    if (f.commas[i]! >= 10) return undefined;
    const isList = el.tag === 'ul' || el.tag === 'ol' || f.listText[i]! / text > 0.9;
    const p = f.paras[i]!;
    const img = f.imgs[i]!;
    const li = f.items[i]! - 100;
    const input = f.inputs[i]!;
    const ld = text === 0 ? 0 : f.link[i]! / text;
    const headingDensity = f.headingText[i]! / text;
    if (text <= 20) {
      const raw = normalizeSpace(textOf(el));
      if (AD_WORDS.test(raw) || LOADING_WORDS.test(raw)) return { id: 'ad-slot', reason: 'an ad slot or a loading placeholder' };
    }
    if (img > 1 && p / img < 0.5) return { id: 'image-block', reason: 'a block of images with little text' };
    if (!isList && li > p) return { id: 'link-list', reason: 'a block of list items outside a list' };
    if (input > Math.floor(p / 3)) return { id: 'form', reason: 'a block of form fields' };
    if (!isList && headingDensity < 0.9 && text < 21 && (img === 0 || img > 2) && ld > 0) return { id: 'link-list', reason: 'a short block of links' };
    if (!isList && weight < 25 && ld > 0.2) return { id: 'link-list', reason: 'a nested block that is mostly links (related stories, tags, navigation)' };
    if (weight >= 25 && ld > 0.5) return { id: 'link-list', reason: 'a nested block that is mostly links (related stories, tags, navigation)' };
    const embeds = f.embeds[i]!;
    if ((embeds === 1 && text < 64) || embeds > 1) return { id: 'embed', reason: 'an embedded player or widget' };
    return undefined;
  }

  /**
   * Lay out one element. `prev` is its previous element sibling that is kept (or an image),
   * unless text stands between them: a caption is recognised by the image block before it.
   */
  block(el: HtmlElement, isRoot = false, prev: HtmlElement | null = null): void {
    const f = this.f;
    const i = el.index;
    const removed = f.removed[i];
    if (removed) {
      if (removed !== INHERITED && f.rawText[i]! > 0) this.report(el, removed);
      return;
    }
    if (INVISIBLE.has(el.tag)) return;
    const tag = el.tag;
    if (tag === 'br') {
      this.flush();
      return;
    }
    if (tag === 'tr' && this.tables[this.tables.length - 1] === 1) {
      this.row(el);
      return;
    }
    const inline = INLINE.has(tag);
    if (!inline) {
      if (!isRoot && f.gallery[i] === 2 && !this.inGalleryRoot && f.text[i]! <= rules.thresholds.galleryMaxShare * this.rootText) {
        this.report(el, GALLERY_RULE);
        return;
      }
      if (!isRoot && this.settings.cleanConditionally && CONDITIONAL.has(tag)) {
        const rule = this.conditionalRule(el);
        if (rule && !this.holdsMostOfArticle(el)) {
          this.report(el, rule);
          return;
        }
      }
      this.flush();
    }
    const outer = this.owner;
    const outerPrev = this.ownerPrev;
    if (!inline) {
      this.owner = el;
      this.ownerPrev = prev;
    }
    const verbatim = tag === 'pre' || tag === 'code' || (tag === 'table' && f.isData[i] === 1);
    if (verbatim) this.verbatim++;
    if (tag === 'table') this.tables.push(f.isData[i]!);
    if (tag === 'a') this.links.push(isSameSite(el.attrs['href'], this.site) ? 1 : 0);
    let before: HtmlElement | null = null;
    for (const c of el.children) {
      if (c instanceof HtmlText) {
        this.parts.push(c.data);
        if (this.links[this.links.length - 1] === 1) this.linkChars += countChars(c.data);
        if (before && c.data.trim() !== '') before = null;
      } else {
        this.block(c, false, before);
        if (!f.removed[c.index] || c.tag === 'img') before = c;
      }
    }
    if (tag === 'a') this.links.pop();
    if (tag === 'table') this.tables.pop();
    if (verbatim) this.verbatim--;
    if (!inline) {
      this.flush();
      this.owner = outer;
      this.ownerPrev = outerPrev;
    }
  }

  /** The kept element before the current block, for captions. */
  private ownerPrev: HtmlElement | null = null;

  /** Whether each enclosing table holds data (1) or layout (0), innermost last. */
  private readonly tables: number[] = [];

  /** A row of a data table is one paragraph, its cells separated by ' | '. */
  private row(tr: HtmlElement): void {
    this.flush();
    const cells: string[] = [];
    for (const c of tr.children) {
      if (!(c instanceof HtmlElement) || this.f.removed[c.index]) continue;
      const text = normalizeSpace(this.keptText(c));
      if (text !== '') cells.push(text);
    }
    if (cells.length === 0) return;
    this.parts.push(cells.join(' | '));
    const outer = this.owner;
    this.owner = tr;
    this.flush();
    this.owner = outer;
  }

  /** Text under an element, leaving out removed and invisible parts; line breaks become spaces. */
  private keptText(el: HtmlElement): string {
    let out = '';
    const stack: (HtmlElement | HtmlText)[] = [el];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node instanceof HtmlText) out += node.data;
      else if (node.tag === 'br') out += ' ';
      else if (!this.f.removed[node.index] && !INVISIBLE.has(node.tag)) {
        if (!INLINE.has(node.tag)) out += ' ';
        for (let k = node.children.length - 1; k >= 0; k--) stack.push(node.children[k]!);
      }
    }
    return out;
  }

  private holdsMostOfArticle(el: HtmlElement): boolean {
    return this.f.text[el.index]! > 0.5 * this.rootText;
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const text = normalizeSpace(this.parts.join(''));
    const linkChars = this.linkChars;
    const owner = this.owner;
    this.parts = [];
    this.linkChars = 0;
    if (text === '') return;
    const rule = this.paragraphRule(text, linkChars, owner);
    if (rule) {
      if (owner) this.report(owner, rule, text);
      // After a "Related" or "Don't miss" heading, the link lines that follow belong to it.
      if (rule.id === 'read-more') this.inLinkList = true;
      return;
    }
    this.inLinkList = false;
    this.paragraphs.push(text);
  }

  /** A block holding an image and little text, or right after a block that is only an image. */
  private isCaption(owner: HtmlElement): boolean {
    if (owner !== this.owner) return false;
    const f = this.f;
    if (HEADINGS.has(owner.tag) || owner.tag === 'li' || owner.tag === 'td' || owner.tag === 'th' || owner.tag === 'tr') return false;
    // The whole block is an image and a line or two, not a column of text with pictures in it.
    if (f.imgs[owner.index]! > 0) return f.text[owner.index]! <= 2 * rules.thresholds.captionChars;
    const prev = this.ownerPrev;
    return prev !== null && (prev.tag === 'img' || (f.imgs[prev.index]! > 0 && f.text[prev.index]! === 0));
  }

  /** Set after a heading of a list of links to other articles, until a paragraph is kept. */
  private inLinkList = false;

  private paragraphRule(text: string, linkChars: number, owner: HtmlElement | null): ClassRule | undefined {
    const chars = countChars(text);
    const tag = owner?.tag ?? '';
    if (tag === 'h1') return { id: 'title-heading', reason: 'the page headline, kept as the title rather than body text' };
    if (this.paragraphs.length < 3 && this.title !== '' && text.toLowerCase() === this.title) {
      return { id: 'title-heading', reason: 'a heading that repeats the title' };
    }
    // Short blocks that are mostly links to this site are navigation or related stories. Links
    // elsewhere (shops, sources, bare URLs the author cites) are left alone: they are content.
    // A paragraph of prose may well be mostly a link, so <p> needs nearly all of it to be one.
    const ld = chars === 0 ? 0 : linkChars / chars;
    if (tag === 'p' ? (ld > 0.9 && chars < 80) || (ld > 0.97 && chars < 200) : ld > rules.thresholds.blockLinkDensity && chars < 200) {
      return { id: 'link-list', reason: 'a block that is mostly links' };
    }
    if (owner && tag !== 'p' && chars < rules.thresholds.captionChars && this.isCaption(owner)) {
      return { id: 'image-caption', reason: 'a short line beside an image: its caption or credit' };
    }
    if (this.inLinkList && ld > rules.thresholds.listLinkDensity && chars < 200) {
      return { id: 'related-links', reason: 'a link under a heading such as "Related" or "Don\'t miss"' };
    }
    if (text.length <= rules.phraseMaxChars) {
      if (text.length <= rules.provenance.maxChars && rules.provenance.pattern.test(text)) return undefined;
      for (const r of rules.phrases) if (text.length <= r.maxChars && r.pattern.test(text)) return r;
    }
    return undefined;
  }
}
