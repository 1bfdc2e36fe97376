/**
 * Who said what across stories: a search over every analysed story's statements by speaker and by
 * words (`GET /api/quotes`), the question kept in the URL. Each statement shows its speaker, its
 * words, the outlets carrying it and a link to its story.
 */
import { getJson, type StatementHits } from './api.js';
import { field, h, queryForm, replace } from './dom.js';
import { looksLikePath } from './outlets.js';
import { followButton } from './follow.js';

/** Render the quotes search into `root` for the fragment query `query` (`speaker`, `search`). */
export async function renderQuotesPage(root: HTMLElement, query: URLSearchParams): Promise<void> {
  const speaker = query.get('speaker')?.trim() ?? '';
  const search = query.get('search')?.trim() ?? '';
  const form = queryForm(
    '#/quotes',
    field('speaker', 'Speaker', 'search', speaker, 'a name, e.g. Almqvist'),
    field('search', 'Words', 'search', search, 'e.g. life jacket'),
    h('button', { type: 'submit' }, 'Search'),
  );
  const results = h('div', { class: 'results', aria: { live: 'polite' } });
  replace(
    root,
    h('h1', {}, 'Who said what'),
    h('p', { class: 'muted' }, 'Statements across every analysed story, by speaker and by words.'),
    form,
    speaker !== '' ? h('p', { class: 'person-follow' }, followButton('person', speaker, 'person')) : null,
    results,
  );
  if (speaker === '' && search === '') return;

  replace(results, h('p', { class: 'muted' }, 'Searching…'));
  const found = await getJson<StatementHits>('/api/quotes', { ...(speaker !== '' ? { speaker } : {}), ...(search !== '' ? { search } : {}), limit: 100 });
  const count = h(
    'p',
    { class: 'muted count' },
    `${found.hits.length} ${found.hits.length === 1 ? 'statement' : 'statements'} in ${found.searched} analysed ${found.searched === 1 ? 'story' : 'stories'}` +
      (found.stale > 0 ? `; ${found.stale} not analysed yet or changed since` : ''),
  );
  if (found.hits.length === 0) {
    replace(results, count, h('p', { class: 'empty' }, 'No statement matches.'));
    return;
  }
  replace(
    results,
    count,
    h(
      'ol',
      { class: 'statement-hits' },
      ...found.hits.map((hit) =>
        h(
          'li',
          { data: { story: hit.storyId } },
          h('p', { class: 'speaker' }, hit.speaker ?? h('span', { class: 'muted' }, 'Speaker not named')),
          h('blockquote', {}, `“${hit.text}”`),
          h(
            'p',
            { class: 'muted' },
            `${outletList(hit.sites)}${hit.articles > hit.sites.length ? ` (${hit.articles} articles)` : ''} · `,
            h('a', { href: `#/story/${encodeURIComponent(hit.storyId)}` }, hit.storyTitle || hit.storyId),
          ),
        ),
      ),
    ),
  );
}

/** The outlets carrying a statement by name; site labels that are file names are counted, not shown. */
function outletList(sites: readonly string[]): string {
  const named = sites.filter((s) => !looksLikePath(s));
  const unnamed = sites.length - named.length;
  return [...named, ...(unnamed > 0 ? [`${unnamed} ${unnamed === 1 ? 'outlet' : 'outlets'} not named`] : [])].join(', ');
}
