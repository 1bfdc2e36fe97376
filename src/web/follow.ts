/**
 * Following from the web UI: a Follow button for a story, a person or an outlet (`POST/DELETE
 * /api/follows`), and the Feed page (`#/feed`): what is followed, a form to follow words, and the
 * entries the follows got (`GET /api/feed`), with the Atom feed's address.
 */
import { getJson, readJson } from './api.js';
import { field, h, replace, type Child } from './dom.js';
import type { FeedEntry, StoredFollow } from '../store/follows.js';

type Kind = StoredFollow['kind'];

/** Fold for comparing targets: case, accents and spacing. */
const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** Every follow (none when the request fails: the button then offers to follow). */
async function follows(): Promise<StoredFollow[]> {
  return (await getJson<{ follows: StoredFollow[] }>('/api/follows')).follows;
}

async function post(kind: Kind, target: string): Promise<StoredFollow> {
  const res = await fetch('/api/follows', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ kind, target }) });
  return (await readJson<{ follow: StoredFollow }>(res)).follow;
}

async function remove(id: string): Promise<void> {
  await readJson(await fetch(`/api/follows/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { accept: 'application/json' } }));
}

/**
 * A Follow button for `kind` `target`: shows whether it is followed, and follows or unfollows on a
 * click (a failure is said beside it).
 */
export function followButton(kind: Kind, target: string, what: string): HTMLElement {
  let id: string | undefined;
  const note = h('span', { class: 'follow-note muted', aria: { live: 'polite' } });
  const button = h('button', { type: 'button', class: 'follow', data: { kind }, aria: { pressed: 'false' } }, `Follow this ${what}`);
  const show = (): void => {
    button.textContent = id === undefined ? `Follow this ${what}` : `Following ✓ (unfollow)`;
    button.setAttribute('aria-pressed', String(id !== undefined));
    button.classList.toggle('on', id !== undefined);
  };
  button.addEventListener('click', () => {
    button.setAttribute('disabled', '');
    note.textContent = '';
    const done = id === undefined ? post(kind, target).then((f) => (id = f.id)) : remove(id).then(() => (id = undefined));
    done
      .then(() => {
        show();
        if (id !== undefined) note.textContent = 'New items appear in the Feed.';
      })
      .catch((e: unknown) => (note.textContent = `Could not change the follow: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => button.removeAttribute('disabled'));
  });
  void follows()
    .then((all) => {
      // A story is followed under its own id; people, outlets and terms by their folded name.
      id = all.find((f) => f.kind === kind && (kind === 'story' || kind === 'outlet' ? f.target === target : fold(f.target) === fold(target)))?.id;
      show();
    })
    .catch(() => undefined);
  return h('span', { class: 'follow-box' }, button, note);
}

const KIND_NAME: Record<Kind, string> = { story: 'Story', person: 'Person', outlet: 'Outlet', term: 'Words' };

/** Where a follow's own page is in the UI. */
function followHref(f: StoredFollow): string | undefined {
  if (f.kind === 'story') return `#/story/${encodeURIComponent(f.target)}`;
  if (f.kind === 'outlet') return `#/outlet/${encodeURIComponent(f.target)}`;
  if (f.kind === 'person') return `#/quotes?speaker=${encodeURIComponent(f.target)}`;
  return undefined;
}

/** Only http(s) links from data. */
const safeHref = (url: string | undefined): string | undefined => (url !== undefined && /^https?:\/\//i.test(url) ? url : undefined);

function entryItem(e: FeedEntry, byId: ReadonlyMap<string, StoredFollow>): HTMLElement {
  const follow = byId.get(e.followId);
  const links: Child[] = [h('a', { href: e.claimId ? `#/story/${encodeURIComponent(e.storyId)}?claim=${encodeURIComponent(e.claimId)}` : `#/story/${encodeURIComponent(e.storyId)}` }, e.claimId ? 'the claim in its story' : 'the story')];
  if (e.articleId) links.push(' · ', h('a', { href: `#/article/${encodeURIComponent(e.articleId)}` }, 'the article'));
  const url = safeHref(e.url);
  if (url) links.push(' · ', h('a', { href: url, rel: 'noopener noreferrer' }, 'original'));
  return h(
    'li',
    { class: `feed-entry kind-${e.kind}`, data: { entry: e.id, follow: e.followId } },
    h('p', { class: 'entry-head' }, h('span', { class: 'entry-kind' }, e.kind), ' ', h('time', { datetime: e.createdAt }, e.createdAt.slice(0, 16).replace('T', ' ')), follow ? h('span', { class: 'muted' }, ` · ${KIND_NAME[follow.kind]}: ${follow.target}`) : null),
    h('p', { class: 'entry-title' }, e.title),
    h('p', { class: 'muted entry-links' }, ...links),
  );
}

/** Render the Feed page into `root`. */
export async function renderFeedPage(root: HTMLElement): Promise<void> {
  replace(root, h('h1', {}, 'Feed'), h('p', { class: 'muted' }, 'Loading…'));
  const [all, feed] = await Promise.all([follows(), getJson<{ items: FeedEntry[]; total: number }>('/api/feed', { limit: 200 })]);
  const byId = new Map(all.map((f) => [f.id, f] as const));
  const note = h('p', { class: 'muted', aria: { live: 'polite' } });
  const termForm = h(
    'form',
    {
      class: 'query follow-term',
      onsubmit: (ev) => {
        ev.preventDefault();
        const input = termForm.querySelector('input');
        const words = input?.value.trim() ?? '';
        if (words === '') return;
        post('term', words).then(
          () => void renderFeedPage(root),
          (e: unknown) => (note.textContent = `Could not follow: ${e instanceof Error ? e.message : String(e)}`),
        );
      },
    },
    field('words', 'Follow words', 'search', '', 'e.g. ceasefire'),
    h('button', { type: 'submit' }, 'Follow'),
  );
  const followList =
    all.length === 0
      ? h('p', { class: 'empty' }, 'Nothing followed yet. Use the Follow button on a story, an outlet or a speaker’s quotes, or follow words here.')
      : h(
          'ul',
          { class: 'follow-list' },
          ...all.map((f) => {
            const href = followHref(f);
            return h(
              'li',
              { data: { follow: f.id } },
              h('span', { class: 'entry-kind' }, KIND_NAME[f.kind]),
              ' ',
              href ? h('a', { href }, f.target) : h('span', {}, `“${f.target}”`),
              f.delivery && !f.delivery.ok ? h('span', { class: 'error' }, ` webhook failed: ${f.delivery.error ?? ''}`) : null,
              ' ',
              h('button', { type: 'button', class: 'link-button', onclick: () => void remove(f.id).then(() => renderFeedPage(root), (e: unknown) => (note.textContent = String(e))) }, 'Unfollow'),
            );
          }),
        );
  replace(
    root,
    h('h1', {}, 'Feed'),
    h('p', { class: 'muted' }, 'New articles in the stories you follow, and new claims, conflicts and quotes for the people, outlets and words you follow, after each ingest. As Atom: ', h('a', { href: '/api/feed.atom' }, '/api/feed.atom'), '.'),
    h('section', { class: 'panel follows' }, h('h2', {}, `Following (${all.length})`), followList, termForm, note),
    h(
      'section',
      { class: 'panel feed' },
      h('h2', {}, `Entries (${feed.total})`),
      feed.items.length === 0 ? h('p', { class: 'empty' }, 'No entry yet: they come when a run adds something to what you follow.') : h('ol', { class: 'feed-list' }, ...feed.items.map((e) => entryItem(e, byId))),
    ),
  );
}
