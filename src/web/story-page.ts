/**
 * A story page: an overview first (what happened, with the neutral names the summary put in place
 * of loaded terms; when and where; the sources by kind and country; disputed claims; the key
 * statements), then the other sections as tabs: who said what, claims (each with its id, reachable
 * at `#/story/ID?claim=CLAIM_ID`), coverage and omissions, naming, citations, timeline, who reported
 * first, and what the sources rest on with the articles. The tab is kept in the URL
 * (`#/story/ID?tab=claims`). Parts whose endpoint fails say why and the rest still shows.
 */
import { followButton } from './follow.js';
import { ApiError, getJson, type StoredStory, type StoryQuotes, type StoryReport } from './api.js';
// The report's own charts: the page and `parallax report` draw the same matrix and timeline.
import { citationChart, coverageChart, coverageClaims, timelineChart } from '../pipeline/synthesize/charts.js';
import { dateTitle, formatDate, h, replace, section, type Child } from './dom.js';
import { OutletNames, outletsFromArticles, outletsView, reportOutlets } from './outlets.js';
import type { FirstReport } from '../pipeline/analyze/first-reports.js';
import type { SourceSpan, SummarySentence } from '../model/report.js';
import type { Claim } from '../model/claim.js';
import type { PrimarySource, PrimarySourceKind, SourceEvidence } from '../model/sources.js';
import type { Voted } from '../model/time.js';

type Rendering = StoryQuotes['statements'][number]['renderings'][number];
type StatementView = StoryQuotes['statements'][number];

/** The story page's tabs, in order: key (in the URL), label. */
const TABS = [
  ['overview', 'Overview'],
  ['quotes', 'Who said what'],
  ['claims', 'Claims'],
  ['coverage', 'Coverage'],
  ['naming', 'Naming'],
  ['citations', 'Citations'],
  ['timeline', 'Timeline'],
  ['first', 'First reports'],
  ['sources', 'Sources'],
] as const;
type TabKey = (typeof TABS)[number][0];

/** The story on screen, so a change of tab or claim in the URL shows it without loading again. */
let current: { readonly id: string; readonly root: HTMLElement; readonly show: (query: URLSearchParams) => void } | undefined;

/**
 * Show the tab or claim `query` asks for when story `id` is the one on screen in `root`; false when
 * the story must be rendered first.
 */
export function showStoryView(root: HTMLElement, id: string, query: URLSearchParams): boolean {
  if (!current || current.id !== id || current.root !== root || !root.contains(root.querySelector('.story-tabs'))) return false;
  current.show(query);
  return true;
}

/** The address of tab `tab` of story `id`. */
function tabHref(id: string, tab: TabKey): string {
  return `#/story/${encodeURIComponent(id)}${tab === 'overview' ? '' : `?tab=${tab}`}`;
}

/** The address of a claim of story `id`: its tab opened, scrolled to it. */
export function claimHref(storyId: string, claimId: string): string {
  return `#/story/${encodeURIComponent(storyId)}?claim=${encodeURIComponent(claimId)}`;
}

/**
 * Render story `id` into `root`: the title, the tabs and the articles at once, then the report's
 * panels when it arrives (the first report of a story is computed on request and may take
 * seconds). A render superseded by navigation leaves the page alone.
 */
export async function renderStoryPage(root: HTMLElement, id: string, query: URLSearchParams = new URLSearchParams()): Promise<void> {
  current = undefined;
  replace(root, h('p', { class: 'muted' }, 'Loading the story…'));
  const story = await getJson<StoredStory & { firstReports?: FirstReport[] }>(`/api/stories/${encodeURIComponent(id)}`);
  const storyId = story.story.id;
  const sources = h('aside', { class: 'sources', id: 'sources', aria: { live: 'polite' } }, h('p', { class: 'muted' }, 'Point at a sentence (or tap it) to see the passages it rests on.'));
  const headline = h('h1', { class: 'headline' }, story.story.title);
  const loading = (): HTMLElement => h('p', { class: 'muted loading' }, 'Building the report: summary, quotes, claims and coverage (the first time, this can take a few seconds)…');
  const panes = new Map<TabKey, HTMLElement>(TABS.map(([key]) => [key, h('div', { class: `tab-pane pane-${key}`, id: `pane-${key}`, role: 'tabpanel', data: { tab: key } }, loading())] as const));
  const links = new Map<TabKey, HTMLAnchorElement>(TABS.map(([key, label]) => [key, h('a', { href: tabHref(storyId, key), role: 'tab', data: { tab: key }, aria: { controls: `pane-${key}` } }, label)] as const));
  const pane = (k: TabKey): HTMLElement => panes.get(k)!;
  const memberNames = new OutletNames(story.members.map((m) => ({ id: m.articleId, site: m.article.siteName ?? m.article.locator, url: m.article.url })), []);
  replace(pane('first'), firstReportsPanel(memberNames.relabel(story.firstReports ?? [])) ?? section('Who reported first', 'first-reports', h('p', { class: 'muted' }, 'Fewer than two outlets: nothing to order.')));
  replace(pane('sources'), h('div', { class: 'basis-slot' }), articlesPanel(story, memberNames));

  let pending = query;
  let ready = false;
  const show = (q: URLSearchParams): void => {
    pending = q;
    const claim = q.get('claim');
    const asked = q.get('tab');
    const tab: TabKey = claim ? 'claims' : (TABS.find(([k]) => k === asked)?.[0] ?? 'overview');
    for (const [k, el] of panes) el.hidden = k !== tab;
    // The passages beside the summary belong to the overview; the other tabs take the full width.
    root.querySelector('.story-grid')?.classList.toggle('wide', tab !== 'overview');
    for (const [k, a] of links) {
      a.classList.toggle('current', k === tab);
      a.setAttribute('aria-selected', String(k === tab));
    }
    if (!claim || !ready) return;
    root.querySelector('.claim-list li.target')?.classList.remove('target');
    const target = document.getElementById(`claim-${claim}`);
    if (target) {
      target.classList.add('target');
      target.querySelector('details')?.setAttribute('open', '');
      target.scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
    }
  };
  const meta = h('p', { class: 'meta' },
    `${story.story.sourceCount} independent ${story.story.sourceCount === 1 ? 'source' : 'sources'} · ${story.members.length} ${story.members.length === 1 ? 'article' : 'articles'}`,
    story.story.firstSeen ? ` · ${formatDate(story.story.firstSeen)} – ${formatDate(story.story.lastSeen)}` : '',
    ' · ', h('a', { href: `/api/stories/${encodeURIComponent(storyId)}/report.html`, class: 'report-link' }, 'printable report'));
  replace(
    root,
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, '← Stories')),
    h('header', { class: 'story-head' }, headline, meta, followButton('story', storyId, 'story')),
    h('nav', { class: 'story-tabs', role: 'tablist', aria: { label: 'Sections of the story' } }, ...links.values()),
    h('div', { class: 'story-grid', aria: { busy: 'true' } }, h('div', { class: 'story-main' }, ...panes.values()), sources),
  );
  current = { id, root, show };
  show(pending);

  // A server busy with other analyses answers 429: say so while the page waits to ask again.
  const waiting = (seconds: number, message: string): void => {
    if (root.contains(headline)) replace(pane('overview'), h('p', { class: 'muted loading' }, `${message} Asking again in ${seconds} s…`));
  };
  const report = await settle(getJson<StoryReport>(`/api/stories/${encodeURIComponent(id)}/report`, {}, waiting));
  const raw = report.ok ? report.value : undefined;
  // Every outlet is shown by name: the report's resolved outlets, else its site label, never a file path.
  const names = raw ? new OutletNames(raw.articles.map((a) => ({ id: a.id, site: a.site, url: a.url })), reportOutlets(raw)) : memberNames;
  const r = raw ? names.relabel(raw) : undefined;
  // Without a report, who said what still shows from the quotes endpoint.
  const statements: Settled<Shown[]> = r ? { ok: true, value: fromReport(r) } : await settle(getJson<StoryQuotes>(`/api/stories/${encodeURIComponent(id)}/quotes`).then((q) => fromQuotes(names.relabel(q))));
  if (!root.contains(headline) || current?.show !== show) return;
  if (r) replace(headline, sentence(r.headline, sources));
  if (r) {
    replace(pane('first'), firstReportsPanel(names.relabel(story.firstReports ?? [])) ?? section('Who reported first', 'first-reports', h('p', { class: 'muted' }, 'Fewer than two outlets: nothing to order.')));
    replace(pane('sources'), primarySourcesPanel(r, story), articlesPanel(story, names));
  }
  if (r) links.get('claims')!.textContent = `Claims (${r.claims.length})`;
  const outlets = raw ? reportOutlets(raw) : [];
  const none = (title: string, cls: string, text: string): HTMLElement => section(title, cls, h('p', { class: 'muted' }, text));
  replace(pane('overview'),
    r ? summaryPanel(r, sources) : failed('Summary', report),
    r?.limits && r.limits.length > 0 ? section('Limits of this report', 'limits', h('ul', {}, ...r.limits.map((l) => h('li', {}, l.text)))) : null,
    r ? neutralNamesPanel(r) : null,
    r ? whenWherePanel(r) : null,
    outletsPanel(outlets.length > 0 ? outlets : outletsFromArticles(r ? r.articles : story.members.map((m) => ({ id: m.articleId })), names), outlets.length > 0),
    r ? conflictsPanel(r, storyId) : null,
    statements.ok ? keyStatementsPanel(statements.value, storyId) : null);
  replace(pane('quotes'), statements.ok ? quotesPanel(statements.value) : failed('Who said what', statements));
  replace(pane('claims'), r ? claimsPanel(r) : failed('Claims', report));
  replace(pane('coverage'), r ? coveragePanel(r, storyId) : failed('Coverage', report), r ? omissionsPanel(r, storyId) : null);
  replace(pane('naming'), (r ? namingPanel(r) : null) ?? none('Naming', 'naming', r ? 'No referent named differently by the outlets.' : 'Not available.'));
  replace(pane('citations'), (r ? citationsPanel(r) : null) ?? none('Who cites whom', 'citations', r ? 'No outlet names a source it cites.' : 'Not available.'));
  replace(pane('timeline'), (r ? timelinePanel(r) : null) ?? none('Timeline', 'timeline', r ? 'No dated event in the text.' : 'Not available.'));
  root.querySelector('.story-grid')?.setAttribute('aria-busy', 'false');
  ready = true;
  show(pending);
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

async function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await p };
  } catch (error) {
    return { ok: false, error };
  }
}

function failed(title: string, s: Settled<unknown>): HTMLElement {
  const e = s.ok ? undefined : s.error;
  const text = e instanceof ApiError ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : 'unavailable';
  return section(title, 'unavailable', h('p', { class: 'muted' }, `Not available (${text}).`));
}

/**
 * A summary sentence that shows its sources in `panel` on hover and focus. Each neutral name the
 * summary put in place of a loaded term is marked, its title giving the term the source wrote.
 */
function sentence(s: SummarySentence, panel: HTMLElement): HTMLElement {
  const show = (on: boolean) => (e: Event) => {
    const el = e.currentTarget as HTMLElement;
    el.classList.toggle('active', on);
    if (!on) return;
    // On a phone the passages open as a sheet at the bottom of the screen, closed by its button.
    panel.classList.add('open');
    replace(panel,
      h('button', { type: 'button', class: 'close-sources', aria: { label: 'Close the sources' }, onclick: () => panel.classList.remove('open') }, '×'),
      h('h2', {}, `Sources (${s.sourceCount} independent)`), ...s.sources.map(sourceCard));
  };
  return h('span', { class: 'sentence', tabindex: 0, data: { sources: String(s.sources.length) }, onmouseenter: show(true), onmouseleave: show(false), onfocus: show(true), onblur: show(false) }, ...marked(s));
}

/**
 * The sentence's text with each replacement marked: the neutral words put in, or (for a loaded term
 * left out) the word that followed it in the source, found through the sentence's source passages.
 * A replacement found nowhere is marked by a small sign after the sentence.
 */
function marked(s: SummarySentence): Child[] {
  const reps = s.replacements ?? [];
  if (reps.length === 0) return [s.text];
  const marks: { start: number; end: number; title: string; rep: (typeof reps)[number] }[] = [];
  const free = (start: number, end: number) => marks.every((m) => end <= m.start || start >= m.end);
  const unplaced: (typeof reps)[number][] = [];
  for (const rep of reps) {
    const from = rep.from.trim();
    const to = rep.to.trim();
    const title = to === '' ? `The source wrote “${from}” here; left out as a loaded term` : `The source wrote “${from}”; shown as the neutral “${to}”`;
    let placed = false;
    if (to !== '') {
      for (let at = s.text.indexOf(to); at >= 0 && !placed; at = s.text.indexOf(to, at + 1)) {
        if (free(at, at + to.length)) {
          marks.push({ start: at, end: at + to.length, title, rep });
          placed = true;
        }
      }
    } else {
      // The word the source wrote right after the term left out, where the sentence has it.
      for (const src of s.sources) {
        const i = src.text.indexOf(from);
        const next = i < 0 ? undefined : /^\s*([\p{L}\p{N}][\p{L}\p{N}'’-]*)/u.exec(src.text.slice(i + from.length))?.[1];
        if (!next) continue;
        for (let at = s.text.indexOf(next); at >= 0 && !placed; at = s.text.indexOf(next, at + 1)) {
          if (free(at, at + next.length)) {
            marks.push({ start: at, end: at + next.length, title, rep });
            placed = true;
          }
        }
        if (placed) break;
      }
    }
    if (!placed) unplaced.push(rep);
  }
  marks.sort((x, y) => x.start - y.start);
  const out: Child[] = [];
  let at = 0;
  for (const m of marks) {
    out.push(s.text.slice(at, m.start));
    out.push(h('mark', { class: `replaced${m.rep.to.trim() === '' ? ' removed' : ''}`, title: m.title, data: { from: m.rep.from.trim(), naming: m.rep.namingId } }, s.text.slice(m.start, m.end)));
    at = m.end;
  }
  out.push(s.text.slice(at));
  if (unplaced.length > 0) {
    out.push(' ', h('span', { class: 'replaced sign', title: unplaced.map((x) => (x.to.trim() === '' ? `The source wrote “${x.from.trim()}”; left out as a loaded term` : `The source wrote “${x.from.trim()}”; shown as the neutral “${x.to.trim()}”`)).join(' · '), data: { naming: unplaced[0]!.namingId } }, '◦'));
  }
  return out;
}

function sourceCard(src: SourceSpan): HTMLElement {
  return h('blockquote', { class: 'source' },
    h('p', {}, src.text),
    h('footer', {}, h('a', { href: `#/article/${encodeURIComponent(src.articleId)}` }, src.site), src.field === 'title' ? ' · its title' : ` · characters ${src.span.start}–${src.span.end}`));
}

function summaryPanel(r: StoryReport, panel: HTMLElement): HTMLElement {
  return section('What happened', 'summary', r.summary.length === 0 ? h('p', { class: 'muted' }, 'No sentence is carried by enough sources to summarise.') : h('p', {}, ...r.summary.flatMap((s, i) => [i > 0 ? ' ' : null, sentence(s, panel)])));
}

/** The loaded terms the headline and summary name neutrally: what the source wrote, what is shown. */
function neutralNamesPanel(r: StoryReport): HTMLElement | null {
  const seen = new Set<string>();
  const reps = [r.headline, ...r.summary].flatMap((s) => s.replacements ?? []).filter((x) => {
    const k = `${x.from.trim().toLowerCase()}→${x.to.trim().toLowerCase()}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  if (reps.length === 0) return null;
  return h('p', { class: 'neutral-names' },
    h('strong', {}, 'Neutral names: '),
    ...reps.flatMap((x, i) => [
      i > 0 ? '; ' : null,
      h('span', { class: 'replacement', data: { naming: x.namingId } },
        h('q', { class: 'from' }, x.from.trim()),
        x.to.trim() === '' ? ' left out' : ' → ',
        x.to.trim() === '' ? null : h('mark', { class: 'replaced' }, x.to.trim())),
    ]),
    h('span', { class: 'muted' }, ' — loaded terms the sources use, written neutrally in the summary (see Naming).'));
}

function whenWherePanel(r: StoryReport): HTMLElement | null {
  if (!r.when && !r.where) return null;
  const site = new Map(r.articles.map((a) => [a.id, a.site] as const));
  const voted = (label: string, v: Voted & { alternatives: readonly Voted[] }, show: (x: string) => string) =>
    h('div', { class: 'voted' },
      h('h3', {}, label),
      h('p', { class: 'value' }, show(v.value), h('span', { class: 'muted' }, ` (${v.votes} ${v.votes === 1 ? 'source' : 'sources'})`)),
      h('details', { class: 'more' }, h('summary', {}, 'Evidence'),
        h('ul', { class: 'evidence' }, ...v.evidence.slice(0, 6).map((e) => h('li', {}, `“${e.text}”`, h('span', { class: 'muted' }, ` — `), h('a', { href: `#/article/${encodeURIComponent(e.articleId)}` }, site.get(e.articleId) ?? e.articleId))))),
      v.alternatives.length > 0 ? h('p', { class: 'muted' }, `Also given: ${v.alternatives.map((a) => `${show(a.value)} (${a.votes})`).join(', ')}`) : null);
  return section('When and where', 'when-where', r.when ? voted('When', r.when, formatDate) : null, r.where ? voted('Where', r.where, (x) => x) : null);
}

/** The story's sources by kind and country (the report's outlets; without them, kinds not known). */
function outletsPanel(outlets: ReturnType<typeof reportOutlets>, resolved: boolean): HTMLElement {
  return section('Sources by kind and country', 'outlets', outletsView(outlets),
    resolved ? null : h('p', { class: 'muted' }, 'The kind and country of these outlets are not known.'));
}

/** Claims whose sources disagree on a number, date or name, each linked to its place among the claims. */
function conflictsPanel(r: StoryReport, storyId: string): HTMLElement {
  const labels = claimLabels(r);
  const disputed = r.claims.filter((c) => c.conflicts.length > 0);
  return section('Conflicts', 'conflicts',
    disputed.length === 0
      ? h('p', { class: 'muted' }, `No number, date or name differs between the sources of the ${r.claims.length} claims.`)
      : h('ul', { class: 'conflict-list' }, ...disputed.map((c) =>
          h('li', { data: { claim: c.id } },
            h('a', { href: claimHref(storyId, c.id) }, labels.get(c.id) ?? c.id), ' ', c.text,
            ...c.conflicts.map((x) => h('p', { class: 'conflict' }, `${x.kind}: `, ...x.values.flatMap((v, i) => [i > 0 ? ' vs ' : null, h('strong', {}, v.value), h('span', { class: 'muted' }, ` (${v.articleIds.map((a) => r.articles.find((y) => y.id === a)?.site ?? a).join(', ')})`)])))))));
}

/** Key statements shown in the overview. */
const KEY_STATEMENTS = 3;

/** The statements most outlets render: speaker, the fullest rendering, how many outlets carry it. */
function keyStatementsPanel(all: readonly Shown[], storyId: string): HTMLElement | null {
  const outlets = (s: Shown) => new Set(s.renderings.map((x) => x.site)).size;
  const top = [...all].filter((s) => outlets(s) > 1).sort((a, b) => outlets(b) - outlets(a)).slice(0, KEY_STATEMENTS);
  if (top.length === 0) return null;
  return section('Key statements', 'key-statements',
    h('ol', { class: 'key-list' }, ...top.map((s) => {
      const anchor = s.renderings.find((x) => x.anchor) ?? s.renderings[0]!;
      return h('li', { data: { statement: s.id } },
        h('p', { class: 'speaker' }, s.speaker),
        h('blockquote', {}, `“${anchor.text}”`),
        h('p', { class: 'muted' }, `Rendered by ${outlets(s)} outlets: ${[...new Set(s.renderings.map((x) => x.site))].join(', ')}`));
    })),
    h('p', {}, h('a', { href: tabHref(storyId, 'quotes') }, 'Every statement, as each outlet rendered it →')));
}

/** A statement as the page shows it, from the report or (when the report fails) the quotes endpoint. */
interface Shown {
  readonly id: string;
  /** Null for statements no speaker was resolved for (shown together, "Speaker not named"). */
  readonly personId: string | null;
  readonly speaker: string;
  readonly roles: readonly string[];
  readonly renderings: readonly {
    readonly articleId: string;
    readonly site: string;
    readonly type: string;
    readonly text: string;
    readonly anchor: boolean;
    readonly similarity: number;
    readonly alignment: readonly { readonly op: 'same' | 'missing' | 'added'; readonly word: string; readonly gloss?: string }[];
    readonly language?: string;
  }[];
}

function fromReport(r: StoryReport): Shown[] {
  const people = new Map(r.people.map((p) => [p.id, p] as const));
  return r.statements.map((s) => ({ id: s.id, personId: s.personId, speaker: s.speaker ?? 'Speaker not named', roles: (s.personId === null ? undefined : people.get(s.personId)?.roles) ?? [], renderings: s.renderings }));
}

function fromQuotes(q: StoryQuotes): Shown[] {
  const entities = new Map(q.entities.map((e) => [e.id, e] as const));
  return [...q.statements, ...q.single].map((s: StatementView) => ({
    id: s.id,
    personId: s.personId,
    speaker: entities.get(s.personId)?.name ?? s.personId,
    roles: entities.get(s.personId)?.roles ?? [],
    renderings: s.renderings.map((r: Rendering) => ({ articleId: r.quote.articleId, site: r.site, type: r.quote.type, text: r.text, anchor: r.anchor, similarity: r.similarity, alignment: r.alignment, ...(r.language !== undefined ? { language: r.language } : {}) })),
  }));
}

/** Who said what: per speaker, each statement's renderings side by side, differences marked; single-outlet statements folded. */
function quotesPanel(all: readonly Shown[]): HTMLElement {
  if (all.length === 0) return section('Who said what', 'quotes', h('p', { class: 'muted' }, 'No attributed quote in this story.'));
  const outlets = (s: Shown) => new Set(s.renderings.map((r) => r.site)).size;
  const speakers = [...new Map(all.map((s) => [s.personId, s] as const)).values()];
  return section('Who said what', 'quotes',
    h('p', { class: 'legend' }, h('span', { class: 'w added' }, 'only in this outlet'), ' ', h('span', { class: 'w missing' }, 'left out here'), ' — compared with the most complete rendering (marked ★).'),
    ...speakers.map((first) => {
      const mine = all.filter((s) => s.personId === first.personId);
      const shared = mine.filter((s) => outlets(s) > 1);
      const single = mine.filter((s) => outlets(s) <= 1);
      return h('div', { class: 'speaker', data: { person: first.personId ?? '' } },
        h('h3', {}, first.speaker, first.roles.length > 0 ? h('span', { class: 'muted' }, ` — ${first.roles.join('; ')}`) : null),
        ...shared.map((s) => statementView(s, outlets(s))),
        single.length > 0
          ? h('details', { class: 'single' }, h('summary', {}, `${single.length} ${single.length === 1 ? 'statement' : 'statements'} reported by one outlet only`), ...single.map((s) => statementView(s, 1)))
          : null);
    }));
}

function statementView(s: Shown, outlets: number): HTMLElement {
  return h('div', { class: 'statement', data: { statement: s.id } },
    h('p', { class: 'muted' }, outlets > 1 ? `Rendered by ${outlets} outlets` : 'Said in one outlet only'),
    h('div', { class: 'renderings' }, ...s.renderings.map(renderingView)));
}

function renderingView(r: Shown['renderings'][number]): HTMLElement {
  const words: Child[] = [];
  for (const w of r.alignment) {
    if (words.length > 0) words.push(' ');
    words.push(
      r.anchor || w.op === 'same'
        ? h('span', { class: 'w', ...(w.gloss !== undefined ? { title: `Translates “${w.gloss}”` } : {}) }, w.word)
        : h('span', { class: `w ${w.op}`, title: w.op === 'added' ? 'Only in this rendering' : 'In the most complete rendering, not here' }, w.word),
    );
  }
  return h('figure', { class: `rendering${r.anchor ? ' anchor' : ''}`, data: { site: r.site } },
    h('figcaption', {}, h('a', { href: `#/article/${encodeURIComponent(r.articleId)}` }, r.site), r.anchor ? ' ★' : '', h('span', { class: 'muted' }, ` · ${r.type}${r.language !== undefined ? ` · translation (${r.language})` : ''}${r.anchor ? '' : ` · ${r.similarity.toFixed(2)}`}`)),
    // A rendering in a right-to-left script (Arabic, Persian) reads from the right: the browser finds its direction from its first letter.
    h('blockquote', { class: 'text', dir: 'auto', ...(r.language !== undefined ? { lang: r.language } : {}) }, h('p', {}, r.text)),
    r.anchor ? null : h('p', { class: 'diff', dir: 'auto' }, ...words));
}

/** Claims the coverage matrix draws; the rest are listed among the claims with their ids. */
const MAX_CLAIMS = 30;

/** Every claim's label (C1, C2… best supported first, as the matrix labels the ones it draws). */
function claimLabels(r: StoryReport): Map<string, string> {
  return new Map(coverageClaims(r, r.claims.length).map((c, i) => [c.id, `C${i + 1}`] as const));
}

/**
 * Every claim, best supported first: its label and id (the element `#claim-<id>` the claim's
 * address scrolls to), its text, how many independent sources carry it, the disagreements, and
 * each outlet's sentence folded.
 */
function claimsPanel(r: StoryReport): HTMLElement {
  if (r.claims.length === 0) return section('Claims', 'claims', h('p', { class: 'muted' }, 'No claim in this story.'));
  const all = coverageClaims(r, r.claims.length);
  const single = all.filter((c) => c.singleSource).length;
  return section(`Claims (${all.length})`, 'claims',
    h('p', { class: 'muted' }, `What the articles state, sentence by sentence, joined across outlets; best supported first. ${single} carried by one independent source only.`),
    h('ol', { class: 'claim-list' }, ...all.map((c, i) => claimItem(c, `C${i + 1}`))));
}

function claimItem(c: Claim, label: string): HTMLElement {
  const outlets = [...new Set(c.supports.map((s) => s.site))];
  return h('li', { id: `claim-${c.id}`, tabindex: -1, data: { claim: c.id } },
    h('p', { class: 'claim-head' }, h('strong', { class: 'label' }, label), ' ', h('code', { class: 'claim-id' }, c.id)),
    h('p', { class: 'claim-text' }, c.text),
    h('p', { class: 'muted' }, `${c.sourceCount} independent ${c.sourceCount === 1 ? 'source' : 'sources'}${c.singleSource ? ' (single source)' : ''} · ${outlets.join(', ')}`),
    ...c.conflicts.map((x) => h('p', { class: 'conflict' }, `Disagreement on the ${x.kind}: ${x.values.map((v) => v.value).join(' vs ')}`)),
    h('details', { class: 'more' }, h('summary', {}, `${c.supports.length} ${c.supports.length === 1 ? 'sentence' : 'sentences'} in the articles`),
      h('ul', { class: 'supports' }, ...c.supports.map((s) =>
        h('li', {}, h('a', { href: `#/article/${encodeURIComponent(s.articleId)}` }, s.site), s.quoted ? h('span', { class: 'muted' }, ' (in a quote)') : null, ': ', h('span', { class: 'support-text' }, s.text))))));
}

/** Characters of an outlet's name the matrix's row labels have room for. */
const ROW_LABEL = 26;

/** The report with each coverage row's outlet name cut to fit the matrix's label margin ("…" marks a cut). */
function shortRows(r: StoryReport): StoryReport {
  const cut = (site: string) => (site.length <= ROW_LABEL ? site : `${site.slice(0, ROW_LABEL - 1).trimEnd()}…`);
  return { ...r, coverage: r.coverage.map((o) => ({ ...o, site: cut(o.site) })) };
}

function coveragePanel(r: StoryReport, storyId: string): HTMLElement {
  if (r.claims.length === 0 || r.coverage.length === 0) return section('Coverage', 'coverage', h('p', { class: 'muted' }, 'No claim to compare.'));
  const shown = coverageClaims(r, MAX_CLAIMS);
  return section('Coverage', 'coverage',
    h('p', { class: 'muted' }, 'Which outlet carries which claim (C1 is the best supported; see Claims for each one).'),
    h('p', { class: 'legend' }, h('span', { class: 'key carries' }, 'carries'), h('span', { class: 'key alone' }, 'alone'), h('span', { class: 'key leaves-out' }, 'leaves out'), h('span', { class: 'key none' }, 'not in this outlet')),
    h('div', { class: 'chart coverage-chart' }, coverageChart(shortRows(r), { document, maxClaims: MAX_CLAIMS })),
    r.claims.length > shown.length ? h('p', { class: 'muted' }, `C${shown.length + 1}–C${r.claims.length} (less supported) are not drawn; `, h('a', { href: tabHref(storyId, 'claims') }, 'every claim is listed under Claims'), '.') : null);
}

function citationsPanel(r: StoryReport): HTMLElement | null {
  if (r.citations.edges.length === 0) return null;
  const name = new Map(r.citations.nodes.map((n) => [n.id, n.name] as const));
  return section('Who cites whom', 'citations',
    h('div', { class: 'chart citation-chart' }, citationChart(r, { document })),
    h('ul', { class: 'citation-list' }, ...r.citations.edges.map((e) =>
      h('li', {}, `${name.get(e.from) ?? e.from} → ${name.get(e.to) ?? e.to}`, h('span', { class: 'muted' }, ` (${e.count}): `), e.evidence.slice(0, 2).map((x) => `“${x.text}”`).join(' · ')))));
}

function timelinePanel(r: StoryReport): HTMLElement | null {
  if (r.timeline.length === 0) return null;
  return section('Timeline', 'timeline',
    h('div', { class: 'chart timeline-chart' }, timelineChart(r, { document })),
    h('ol', { class: 'events' }, ...r.timeline.map((t) => h('li', {}, h('time', {}, formatDate(t.date)), ' ', t.text, h('span', { class: 'muted' }, ` (${t.sources.map((s) => s.site).join(', ')})`)))));
}

/** Referents shown open; the rest are listed folded. */
const NAMING_OPEN = 5;

function namingPanel(r: StoryReport): HTMLElement | null {
  if (r.naming.length === 0) return null;
  // Referents whose outlets use loaded terms, or the most different terms, first.
  const score = (n: StoryReport['naming'][number]) => {
    const uses = n.outlets.flatMap((o) => o.uses);
    return uses.filter((u) => u.tone === 'loaded').length * 100 + new Set(uses.map((u) => u.term.toLowerCase())).size;
  };
  const sorted = [...r.naming].sort((a, b) => score(b) - score(a));
  const referent = (n: StoryReport['naming'][number]) =>
      h('div', { class: 'referent' },
        h('h3', {}, n.neutral || n.id, h('span', { class: 'muted' }, ` — ${n.reason}`)),
        h('table', {}, h('tbody', {}, ...n.outlets.map((o) =>
          h('tr', {}, h('th', {}, o.site), h('td', {}, ...o.uses.flatMap((u, i) => [i > 0 ? ', ' : null, h('span', { class: `term ${u.tone ?? ''} ${u.voice}`, title: u.voice === 'quoted' ? 'inside a quote' : "in the outlet's own voice" }, `${u.term} ×${u.count}${u.voice === 'quoted' ? ' (quoted)' : ''}`)])))))));
  const rest = sorted.slice(NAMING_OPEN);
  return section('Naming', 'naming',
    h('p', { class: 'legend' }, h('span', { class: 'term loaded' }, 'loaded term'), ' ', h('span', { class: 'term quoted' }, 'inside a quote')),
    ...sorted.slice(0, NAMING_OPEN).map(referent),
    rest.length > 0 ? h('details', { class: 'more' }, h('summary', {}, `${rest.length} more referents`), ...rest.map(referent)) : null);
}

function omissionsPanel(r: StoryReport, storyId: string): HTMLElement | null {
  const labels = claimLabels(r);
  const text = new Map(r.claims.map((c) => [c.id, c.text] as const));
  const rows = r.coverage.filter((o) => o.missing.length > 0 || o.alone.length > 0);
  if (rows.length === 0) return null;
  const item = (id: string): HTMLElement => h('li', {}, h('a', { href: claimHref(storyId, id) }, labels.get(id) ?? id), ' ', text.get(id) ?? '');
  return section('Omissions', 'omissions',
    h('p', { class: 'muted' }, 'What each outlet leaves out that at least two other independent sources carry, and what it alone carries.'),
    ...rows.map((o) =>
      h('div', { class: 'outlet' },
        h('h3', {}, o.site, h('span', { class: 'muted' }, ` — leaves out ${o.missing.length}, alone in ${o.alone.length}`)),
        o.missing.length > 0 ? h('details', { class: 'more' }, h('summary', {}, `Leaves out ${o.missing.length} ${o.missing.length === 1 ? 'claim' : 'claims'}`), h('ul', {}, ...o.missing.map(item))) : null,
        o.alone.length > 0 ? h('details', { class: 'more' }, h('summary', {}, `Alone in carrying ${o.alone.length} ${o.alone.length === 1 ? 'claim' : 'claims'}`), h('ul', {}, ...o.alone.map(item))) : null)));
}

/** An outlet's first report time for the reader: the browser's zone, or what is unknown about it. */
function reportTime(e: FirstReport): string {
  if (e.precision === 'none' || e.published === undefined) return 'undated';
  if (e.precision === 'datetime') return formatDate(e.published);
  const day = formatDate(e.published.slice(0, 10));
  return e.localTime ? `${day}, ${e.localTime} (zone unknown)` : `${day} (time unknown)`;
}

/** Who reported first: each outlet's first article in order of publication, ties stated. */
function firstReportsPanel(list: readonly FirstReport[]): HTMLElement | null {
  if (list.length < 2) return null;
  return section('Who reported first', 'first-reports',
    h('p', { class: 'muted' }, "Each outlet's first article of the story, in order of publication; times in your time zone. Reports whose order cannot be told apart share a place."),
    h('ol', { class: 'first-reports' }, ...list.map((e) =>
      h('li', { class: e.tie ? 'tie' : undefined, data: { precision: e.precision } },
        h('span', { class: 'place' }, e.rank === undefined ? '–' : `${e.rank}${e.tie ? '=' : '.'}`), ' ',
        h('time', { datetime: e.utc ?? e.published, title: dateTitle(e.published) }, reportTime(e)), ' ',
        h('a', { href: `#/article/${encodeURIComponent(e.articleId)}` }, e.site),
        e.articles > 1 ? h('span', { class: 'muted' }, ` (+${e.articles - 1} later)`) : null,
        e.tie ? h('span', { class: 'muted' }, e.tie.relation === 'same-minute' ? ` — same minute as ${e.tie.with}` : ` — same day as ${e.tie.with}; which came first is unknown`) : null))));
}

/** How each kind of primary source reads on the page. */
const KIND_LABEL: Readonly<Record<PrimarySourceKind, string>> = {
  readout: 'official readout',
  statement: 'statement',
  wire: 'wire',
  outlet: 'outlet credited',
  'own-reporting': 'own reporting',
};

/** Evidence items shown open per source; the rest are folded. */
const EVIDENCE_OPEN = 3;

/**
 * What the story's independent sources rest on: "N outlets, resting on M primary sources", then
 * each primary source with its kind, the families (and their outlets) resting on it, those that
 * only draw on it, and the passages and credits that show it. Every string from the report goes in
 * as text.
 */
function primarySourcesPanel(r: StoryReport, story: StoredStory): HTMLElement | null {
  const p = r.primarySources;
  if (!p || p.familyCount === 0) return null;
  const sitesOf = new Map<string, string[]>();
  for (const a of r.articles) {
    const list = sitesOf.get(a.familyId) ?? [];
    if (!list.includes(a.site)) list.push(a.site);
    sitesOf.set(a.familyId, list);
  }
  const basisOf = new Map(p.families.map((f) => [f.familyId, f] as const));
  const familyOf = new Map(story.families.map((f) => [f.id, f] as const));
  const site = new Map(r.articles.map((a) => [a.id, a.site] as const));
  const outlets = (familyId: string): string => {
    const sites = sitesOf.get(familyId) ?? [];
    const first = basisOf.get(familyId)?.site ?? sites[0] ?? familyId;
    const others = sites.filter((x) => x !== first);
    return others.length > 0 ? `${first} (with ${others.join(', ')})` : first;
  };
  const familyItem = (familyId: string, source: PrimarySource): HTMLElement => {
    const credit = familyOf.get(familyId)?.creditedTo;
    const reason = basisOf.get(familyId)?.reason;
    // Credits the source's own evidence already lists are not repeated under the family.
    const listed = new Set(source.evidence.map((e) => e.reason));
    const credits = (credit?.evidence ?? []).filter((e) => !listed.has(e));
    return h('li', { data: { family: familyId } },
      h('span', { class: 'family-outlets' }, outlets(familyId)),
      credit ? h('span', { class: 'credit' }, ` — ${credit.name}'s ${credit.kind === 'agency' || credit.kind === 'state-media' ? 'wire copy' : 'text'}`) : null,
      reason ? h('span', { class: 'muted' }, `: ${reason}`) : null,
      credits.length > 0 ? h('ul', { class: 'credit-evidence muted' }, ...credits.map((e) => h('li', {}, e))) : null);
  };
  const evidenceItem = (e: SourceEvidence): HTMLElement =>
    h('li', {},
      e.text ? h('span', { class: 'passage' }, /^["“‘'«]/.test(e.text) ? e.text : `“${e.text}”`) : null,
      e.text ? ' — ' : null,
      h('a', { href: `#/article/${encodeURIComponent(e.articleId)}` }, site.get(e.articleId) ?? e.articleId),
      h('span', { class: 'muted' }, `: ${e.reason}`));
  const sourceItem = (s: PrimarySource): HTMLElement => {
    const open = s.evidence.slice(0, EVIDENCE_OPEN);
    const rest = s.evidence.slice(EVIDENCE_OPEN);
    return h('li', { class: `primary-source ${s.kind}`, data: { kind: s.kind, source: s.id } },
      h('p', { class: 'source-head' },
        h('span', { class: `kind ${s.kind}` }, KIND_LABEL[s.kind]), ' ',
        h('strong', { class: 'label' }, s.label),
        h('span', { class: 'muted' }, s.families.length > 0 ? ` — ${s.families.length} of ${p.familyCount} ${p.familyCount === 1 ? 'source rests' : 'sources rest'} on it` : ` — drawn on by ${s.drawnOnBy.length}`)),
      s.families.length > 0 ? h('ul', { class: 'resting' }, ...s.families.map((f) => familyItem(f, s))) : null,
      s.drawnOnBy.length > 0 ? h('p', { class: 'drawn muted' }, `${s.families.length > 0 ? 'Also drawn on by' : 'Drawn on by'} ${s.drawnOnBy.map(outlets).join('; ')}`) : null,
      open.length > 0 ? h('ul', { class: 'evidence' }, ...open.map(evidenceItem)) : null,
      rest.length > 0 ? h('details', { class: 'more' }, h('summary', {}, `${rest.length} more ${rest.length === 1 ? 'passage' : 'passages'}`), h('ul', { class: 'evidence' }, ...rest.map(evidenceItem))) : null);
  };
  const resting = p.sources.filter((s) => s.families.length > 0);
  const drawnOnly = p.sources.filter((s) => s.families.length === 0 && s.drawnOnBy.length > 0);
  return section('What the sources rest on', 'primary-sources',
    h('p', { class: 'basis-summary' },
      h('strong', {}, `${p.familyCount} ${p.familyCount === 1 ? 'outlet' : 'outlets'}, resting on ${p.count} primary ${p.count === 1 ? 'source' : 'sources'}`),
      h('span', { class: 'muted' }, ' — outlets counted as independent sources: a copy and its original are one.')),
    h('ol', { class: 'primary-list' }, ...resting.map(sourceItem)),
    drawnOnly.length > 0
      ? h('details', { class: 'more drawn-only' }, h('summary', {}, `${drawnOnly.length} more ${drawnOnly.length === 1 ? 'source' : 'sources'} drawn on for part of the text`), h('ol', { class: 'primary-list' }, ...drawnOnly.map(sourceItem)))
      : null);
}

function articlesPanel(story: StoredStory, names: OutletNames): HTMLElement {
  return section('Articles', 'articles',
    h('div', { class: 'table-box' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Article'), h('th', {}, 'Outlet'), h('th', {}, 'Published'), h('th', {}, 'Source'), h('th', {}, 'Why it joined'))),
      h('tbody', {}, ...story.members.map((m) =>
        h('tr', {},
          h('td', {}, h('a', { href: `#/article/${encodeURIComponent(m.articleId)}` }, m.article.title ?? m.articleId)),
          h('td', { class: 'outlet' }, names.name(m.article.siteName ?? '', m.articleId)),
          h('td', {}, h('time', { datetime: m.article.published, title: dateTitle(m.article.published) }, formatDate(m.article.published))),
          h('td', {}, m.derivation === 'original' ? 'original' : `${m.derivation} (${Math.round(m.reuse * 100)} % reused)`),
          h('td', { class: 'muted' }, m.sharedTerms.slice(0, 5).join(', '))))))));
}
