/**
 * Outlets across stories: the list of the database's outlets (`#/outlets`, `GET /api/outlets`) and
 * one outlet's profile (`#/outlet/KEY`, `GET /api/outlets/{key}`): what it is, stories per week,
 * copies and of whom, who copies it, whom it cites, how often it is first, loaded terms in its own
 * voice, claims it alone carries and claims it leaves out, languages. Every figure shows the ids it
 * rests on as links: stories to `#/story/ID`, articles to `#/article/ID`, claims to
 * `#/story/ID?claim=ID` (a claim id is a story's own, so it links only where the figure rests on one story).
 */
import { getJson, type OutletEvidence, type OutletList, type OutletProfile, type StoryPage } from './api.js';
import { h, replace, type Child } from './dom.js';
import { KIND_LABEL } from './outlets.js';
import { followButton } from './follow.js';

/** Ids shown inline up to this many; more fold into a "show" list. */
const INLINE_IDS = 6;

const kindLabel = (kind: string | null): string => (kind && kind in KIND_LABEL ? KIND_LABEL[kind as keyof typeof KIND_LABEL] : KIND_LABEL.unknown);
const pct = (rate: number | null): string => (rate === null ? 'n/a' : `${Math.round(rate * 100)}%`);
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Render the outlets list into `root`. */
export async function renderOutletsPage(root: HTMLElement): Promise<void> {
  replace(root, h('h1', {}, 'Outlets'), h('p', { class: 'muted' }, 'Loading outlets…'));
  const list = await getJson<OutletList>('/api/outlets');
  const intro = h(
    'p',
    { class: 'muted count' },
    `${plural(list.outlets.length, 'outlet')} in ${plural(list.stories, 'analysed story', 'analysed stories')}; kind and country from the outlet registry.`,
  );
  const stale =
    list.withoutOutlets.length > 0
      ? h('p', { class: 'muted' }, `${plural(list.withoutOutlets.length, 'story', 'stories')} analysed before reports named outlets (analyse again): `, ...joinLinks(list.withoutOutlets.map((id) => storyLink(id))))
      : null;
  if (list.outlets.length === 0) {
    replace(root, h('h1', {}, 'Outlets'), intro, stale, h('p', { class: 'empty' }, 'No outlet yet: ingest and analyse some articles.'));
    return;
  }
  const rows = list.outlets.map((o) =>
    h(
      'tr',
      { data: { outlet: o.key } },
      h('td', { class: 'name' }, h('a', { href: `#/outlet/${encodeURIComponent(o.key)}` }, o.name), o.listed ? null : h('span', { class: 'muted unlisted', title: 'Not in the outlet registry: named by its domain, site name or a credit' }, 'not listed')),
      h('td', {}, kindLabel(o.kind)),
      h('td', {}, o.country ?? '—'),
      h('td', { class: 'opt' }, o.language ?? '—'),
      h('td', { class: 'num' }, o.articles),
      h('td', { class: 'num' }, o.stories),
    ),
  );
  replace(
    root,
    h('h1', {}, 'Outlets'),
    intro,
    stale,
    h(
      'div',
      { class: 'table-box' },
      h(
        'table',
        { class: 'outlets' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Outlet'), h('th', {}, 'Kind'), h('th', {}, 'Country'), h('th', { class: 'opt' }, 'Language'), h('th', {}, 'Articles'), h('th', {}, 'Stories'))),
        h('tbody', {}, ...rows),
      ),
    ),
  );
}

/** Render the profile of outlet `key` into `root`. */
export async function renderOutletProfilePage(root: HTMLElement, key: string): Promise<void> {
  replace(root, h('h1', {}, key), h('p', { class: 'muted' }, 'Loading the profile…'));
  const [p, titles] = await Promise.all([getJson<OutletProfile>(`/api/outlets/${encodeURIComponent(key)}`), storyTitles()]);
  const ev = (e: OutletEvidence | undefined): HTMLElement => evidence(e, titles);
  const maxWeek = Math.max(1, ...p.weeks.map((w) => w.stories));

  const facts = h(
    'dl',
    { class: 'outlet-facts' },
    fact('Kind', kindLabel(p.kind)),
    fact('Country', p.country ?? 'not known'),
    fact('Language', p.language ?? 'not known'),
    fact('Owner', p.owner ?? 'not known'),
    fact('Why this kind', p.reason ?? (p.listed ? 'not given' : 'not in the outlet registry')),
    p.source ? fact('Source', /^https?:/i.test(p.source) ? h('a', { href: p.source, rel: 'noopener noreferrer' }, p.source) : p.source) : null,
    fact('Recognised by', Object.entries(p.basis).map(([b, n]) => `${b} ${n}`).join(', ') || '—'),
  );

  replace(
    root,
    h('p', { class: 'crumbs' }, h('a', { href: '#/outlets' }, '← Outlets')),
    h('h1', {}, p.name),
    h('p', { class: 'meta' }, `${kindLabel(p.kind)}${p.country ? ` · ${p.country}` : ''} · ${plural(p.articles, 'article')} in ${plural(p.stories, 'story', 'stories')}`),
    followButton('outlet', p.key, 'outlet'),
    h('section', { class: 'panel outlet-about' }, h('h2', {}, 'About'), facts),
    h(
      'div',
      { class: 'outlet-grid' },
      h(
        'section',
        { class: 'panel weeks' },
        h('h2', {}, 'Stories per week'),
        p.weeks.length === 0
          ? h('p', { class: 'empty muted' }, 'No dated article.')
          : h(
              'ul',
              { class: 'bars' },
              ...p.weeks.map((w) =>
                h(
                  'li',
                  {},
                  h('span', { class: 'bar-label' }, w.week === 'undated' ? 'undated' : `week of ${w.week}`),
                  h('span', { class: 'bar-track' }, h('span', { class: 'bar', data: { n: String(w.stories) }, aria: { hidden: 'true' } })),
                  h('span', { class: 'bar-value' }, `${plural(w.stories, 'story', 'stories')}, ${plural(w.articles, 'article')}`),
                  ev(w.evidence),
                ),
              ),
            ),
      ),
      h(
        'section',
        { class: 'panel rates' },
        h('h2', {}, 'Rates'),
        rate('Reports first', `${pct(p.first.rate)} (${p.first.first} of ${plural(p.first.ranked, 'story', 'stories')} where two outlets are dated)`, ev(p.first.evidence)),
        rate('Copies', `${pct(p.copies.share)} of its articles (${p.copies.count}) copy another's text`, ev(p.copies.evidence)),
        rate('Carries alone', `${pct(p.alone.rate)} (${p.alone.count} of the ${plural(p.alone.carried, 'claim')} it carries, no other source carries)`, ev(p.alone.evidence)),
        rate('Leaves out', `${pct(p.leavesOut.rate)} (${p.leavesOut.count} of the ${plural(p.leavesOut.widelyCarried, 'claim')} that at least two other sources carry)`, ev(p.leavesOut.evidence)),
      ),
    ),
    h('div', { class: 'outlet-grid' }, related('Copies whom', 'Whose texts its copies are.', p.copies.of, ev), related('Copied by', 'Other outlets whose articles copy one of its articles.', p.copiedBy, ev)),
    h(
      'section',
      { class: 'panel cites' },
      h('h2', {}, 'Whom it cites'),
      p.cites.length === 0
        ? h('p', { class: 'empty muted' }, 'No citation found in its articles.')
        : h('ul', { class: 'figures' }, ...p.cites.map((c) => h('li', {}, h('span', { class: 'figure' }, `${c.name} · ${c.count}×`), ev(c.evidence)))),
    ),
    h(
      'section',
      { class: 'panel loaded' },
      h('h2', {}, 'Loaded terms in its own voice'),
      p.loadedTerms.length === 0
        ? h('p', { class: 'empty muted' }, 'None found where another outlet used a plain term.')
        : h(
            'ul',
            { class: 'figures' },
            ...p.loadedTerms.map((t) =>
              h(
                'li',
                {},
                h('span', { class: 'figure' }, h('span', { class: 'term loaded' }, t.term), ` for ${t.referent} · ${t.count}×`, t.othersPlain.length > 0 ? h('span', { class: 'muted' }, ` (others: ${t.othersPlain.join(', ')})`) : null),
                ev(t.evidence),
              ),
            ),
          ),
    ),
    h(
      'section',
      { class: 'panel languages' },
      h('h2', {}, 'Languages'),
      p.languages.length === 0
        ? h('p', { class: 'empty muted' }, 'No language known.')
        : h('ul', { class: 'figures' }, ...p.languages.map((l) => h('li', {}, h('span', { class: 'figure' }, `${l.language} · ${plural(l.articles, 'article')}`), ev(l.evidence)))),
    ),
  );
  // Bar widths set through the CSSOM (no style strings built from data).
  for (const bar of root.querySelectorAll<HTMLElement>('.bars .bar')) bar.style.width = `${Math.round((Number(bar.dataset.n) / maxWeek) * 100)}%`;
}

function fact(term: string, value: Child): HTMLElement {
  return h('div', { class: 'fact' }, h('dt', {}, term), h('dd', {}, value));
}

function rate(label: string, text: string, evidenceEl: HTMLElement): HTMLElement {
  return h('div', { class: 'rate' }, h('p', { class: 'figure' }, h('strong', {}, label), ` ${text}`), evidenceEl);
}

function related(title: string, note: string, list: OutletProfile['copiedBy'], ev: (e: OutletEvidence) => HTMLElement): HTMLElement {
  return h(
    'section',
    { class: `panel related` },
    h('h2', {}, title),
    h('p', { class: 'muted' }, note),
    list.length === 0
      ? h('p', { class: 'empty muted' }, 'None.')
      : h('ul', { class: 'figures' }, ...list.map((r) => h('li', {}, h('span', { class: 'figure' }, h('a', { href: `#/outlet/${encodeURIComponent(r.key)}` }, r.name), ` · ${plural(r.count, 'article')}`), ev(r.evidence)))),
  );
}

/** Story titles by id for the evidence links (the first page of stories; ids are shown otherwise). */
async function storyTitles(): Promise<Map<string, string>> {
  try {
    const page = await getJson<StoryPage>('/api/stories', { limit: 100 });
    return new Map(page.items.map((s) => [s.id, s.title]));
  } catch {
    return new Map();
  }
}

function storyLink(id: string, title?: string): HTMLAnchorElement {
  return h('a', { href: `#/story/${encodeURIComponent(id)}`, class: 'ev-story', title: id }, title || id);
}

/** Nodes separated by commas. */
function joinLinks(nodes: readonly Node[]): Child[] {
  return nodes.flatMap((n, i) => (i === 0 ? [n] : [', ', n]));
}

/**
 * The ids a figure rests on, as links: stories, articles, claims. A claim id belongs to its story,
 * so claims link to `#/story/ID?claim=ID` when the figure rests on one story, else they are listed.
 */
function evidence(e: OutletEvidence | undefined, titles: ReadonlyMap<string, string>): HTMLElement {
  const stories = e?.stories ?? [];
  const articles = e?.articles ?? [];
  const claims = e?.claims ?? [];
  if (stories.length + articles.length + claims.length === 0) return h('span', { class: 'evidence-ids muted' }, 'no evidence');
  const only = stories.length === 1 ? stories[0] : undefined;
  const groups: Child[] = [
    stories.length > 0 ? h('span', { class: 'ev-group' }, stories.length === 1 ? 'story ' : 'stories ', ...joinLinks(stories.map((id) => storyLink(id, titles.get(id))))) : null,
    claims.length > 0
      ? h(
          'span',
          { class: 'ev-group' },
          claims.length === 1 ? 'claim ' : 'claims ',
          ...joinLinks(claims.map((c) => (only ? h('a', { href: `#/story/${encodeURIComponent(only)}?claim=${encodeURIComponent(c)}`, class: 'ev-claim' }, c) : h('span', { class: 'ev-claim', title: 'A claim of one of these stories' }, c)))),
        )
      : null,
    articles.length > 0 ? h('span', { class: 'ev-group' }, articles.length === 1 ? 'article ' : 'articles ', ...joinLinks(articles.map((id) => h('a', { href: `#/article/${encodeURIComponent(id)}`, class: 'ev-article', title: id }, shortId(id))))) : null,
  ];
  const total = stories.length + articles.length + claims.length;
  if (total <= INLINE_IDS) return h('span', { class: 'evidence-ids' }, ...groups);
  return h(
    'details',
    { class: 'evidence-ids more' },
    h('summary', {}, `evidence: ${[stories.length ? plural(stories.length, 'story', 'stories') : '', claims.length ? plural(claims.length, 'claim') : '', articles.length ? plural(articles.length, 'article') : ''].filter(Boolean).join(', ')}`),
    ...groups,
  );
}

/** An article id shortened for display (the full id is the link's title). */
function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 10)}…` : id;
}
