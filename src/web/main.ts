/**
 * The web UI's entry: a router over the URL fragment (`#/`, `#/story/ID`, `#/story/ID?tab=claims`,
 * `#/story/ID?claim=CLAIM_ID`, `#/article/ID`, `#/quotes?speaker=…&search=…`, `#/outlets`, `#/outlet/KEY`, `#/feed`, `#/ingest`) that renders one page into `<main>` and shows a failed load's catalogued error.
 */
import { ApiError } from './api.js';
import { renderArticlePage } from './article-page.js';
import { h, replace } from './dom.js';
import { renderIngestPage } from './ingest-page.js';
import { renderFeedPage } from './follow.js';
import { renderOutletProfilePage, renderOutletsPage } from './outlets-page.js';
import { renderQuotesPage } from './quotes-page.js';
import { renderStoryList } from './story-list.js';
import { renderStoryPage, showStoryView } from './story-page.js';
import './style.css';

const main = document.querySelector('main')!;

async function route(): Promise<void> {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path = '/', qs = ''] = hash.split('?', 2);
  const parts = path.split('/').filter((p) => p !== '').map(decodeURIComponent);
  window.scrollTo(0, 0);
  try {
    // Another tab or claim of the story on screen is shown without loading the story again.
    if (parts[0] === 'story' && parts[1] && showStoryView(main, parts[1], new URLSearchParams(qs))) return;
    if (parts[0] === 'story' && parts[1]) await renderStoryPage(main, parts[1], new URLSearchParams(qs));
    else if (parts[0] === 'article' && parts[1]) await renderArticlePage(main, parts[1]);
    else if (parts[0] === 'ingest') renderIngestPage(main);
    else if (parts[0] === 'outlets') await renderOutletsPage(main);
    else if (parts[0] === 'outlet' && parts[1]) await renderOutletProfilePage(main, parts[1]);
    else if (parts[0] === 'quotes') await renderQuotesPage(main, new URLSearchParams(qs));
    else if (parts[0] === 'feed') await renderFeedPage(main);
    else await renderStoryList(main, new URLSearchParams(qs));
    document.title = `${main.querySelector('h1')?.textContent ?? 'Parallax'} · Parallax`;
  } catch (e) {
    replace(main, h('h1', {}, 'Could not load this page'), h('p', { class: 'error' }, e instanceof ApiError ? `${e.code}: ${e.message}` : String(e)), h('p', {}, h('a', { href: '#/' }, 'Back to the stories')));
  }
}

window.addEventListener('hashchange', () => void route());
void route();
