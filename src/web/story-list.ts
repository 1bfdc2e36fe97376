/**
 * The story list: largest stories first, with their independent-source counts, and filters on the
 * title (search), the articles' publication dates, outlet and language, kept in the URL.
 */
import { getJson, type StoryPage } from './api.js';
import { field, formatDate, h, queryForm, replace } from './dom.js';

/** The filters of the list, as in the URL fragment's query. */
interface Filters {
  search?: string;
  since?: string;
  until?: string;
  site?: string;
  language?: string;
  offset?: number;
}

const PAGE = 50;

/** Render the story list into `root` for the fragment query `query`. */
export async function renderStoryList(root: HTMLElement, query: URLSearchParams): Promise<void> {
  const f: Filters = {};
  for (const k of ['search', 'since', 'until', 'site', 'language'] as const) {
    const v = query.get(k);
    if (v) f[k] = v;
  }
  const offset = Number(query.get('offset') ?? 0);
  if (Number.isInteger(offset) && offset > 0) f.offset = offset;

  const input = (name: keyof Omit<Filters, 'offset'>, label: string, type: string, placeholder = '') => field(name, label, type, f[name] ?? '', placeholder);
  const form = queryForm(
    '#/',
    input('search', 'Title words', 'search', 'e.g. harbour accord'),
    input('since', 'From', 'date'),
    input('until', 'Before', 'date'),
    input('site', 'Outlet', 'text', 'site name or host'),
    input('language', 'Language', 'text', 'en, fr, ar…'),
    h('button', { type: 'submit' }, 'Filter'),
    h('a', { href: '#/', class: 'reset' }, 'Clear'),
  );
  const results = h('div', { class: 'results', aria: { live: 'polite' } }, h('p', { class: 'muted' }, 'Loading stories…'));
  replace(root, h('h1', {}, 'Stories'), form, results);

  const page = await getJson<StoryPage>('/api/stories', { ...f, limit: PAGE });
  if (page.total === 0) {
    replace(results, h('p', { class: 'empty' }, 'No story matches these filters.'));
    return;
  }
  const rows = page.items.map((s) =>
    h(
      'tr',
      { data: { story: s.id } },
      h('td', { class: 'title' }, h('a', { href: `#/story/${encodeURIComponent(s.id)}` }, s.title || s.id)),
      h('td', { class: 'num', title: 'Independent sources (families of copies)' }, s.sourceCount),
      h('td', { class: 'num' }, s.articleCount),
      h('td', { class: 'opt' }, formatDate(s.firstSeen)),
      h('td', {}, formatDate(s.lastSeen)),
    ),
  );
  const start = f.offset ?? 0;
  const nav = (to: number, label: string) => {
    const q = new URLSearchParams(query);
    q.set('offset', String(to));
    return h('a', { href: `#/?${q.toString()}`, class: 'pager' }, label);
  };
  replace(
    results,
    h('p', { class: 'muted count' }, `${page.total} ${page.total === 1 ? 'story' : 'stories'}${page.total > PAGE ? `, ${start + 1}–${start + page.items.length} shown` : ''}`),
    // On a phone the table keeps to the page: first-seen folds away, anything wider scrolls in its box.
    h(
      'div',
      { class: 'table-box' },
      h(
        'table',
        { class: 'stories' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Story'), h('th', {}, 'Sources'), h('th', {}, 'Articles'), h('th', { class: 'opt' }, 'First seen'), h('th', {}, 'Last seen'))),
        h('tbody', {}, ...rows),
      ),
    ),
    h('p', { class: 'pagers' }, start > 0 ? nav(Math.max(0, start - PAGE), '← Previous') : null, start + PAGE < page.total ? nav(start + PAGE, 'Next →') : null),
  );
}
