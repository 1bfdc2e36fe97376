/**
 * An article page: its clean text by paragraph, where it came from, the messages that explain
 * each drop, repair or split, and on request the extracted text with the removed furniture marked.
 */
import { getJson, type StoredArticle } from './api.js';
import { formatDate, h, replace, section, type Child } from './dom.js';
import { looksLikePath } from './outlets.js';
import type { Message } from '../model/message.js';

/** Render article `id` into `root`. */
export async function renderArticlePage(root: HTMLElement, id: string): Promise<void> {
  replace(root, h('p', { class: 'muted' }, 'Loading the article…'));
  const { article, messages, document: origin } = await getJson<StoredArticle>(`/api/articles/${encodeURIComponent(id)}`);
  const copies = await getJson<{ storyId: string | null }>(`/api/articles/${encodeURIComponent(id)}/copies`).catch(() => ({ storyId: null }));
  const published = article.publishedResolved ?? article.published;
  const removed = messages.filter((m) => m.layer === 'extracted' && m.span !== undefined);

  const furniture = h('div', { class: 'furniture', hidden: true });
  const toggle = h('button', {
    type: 'button',
    class: 'toggle-furniture',
    aria: { expanded: 'false', controls: 'furniture' },
    onclick: () => {
      const open = furniture.hidden;
      furniture.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      toggle.textContent = open ? 'Hide removed furniture' : `Show removed furniture (${removed.length})`;
      if (open && furniture.childElementCount === 0) replace(furniture, markedExtract(article.extractedText ?? '', removed));
    },
  }, `Show removed furniture (${removed.length})`);
  furniture.id = 'furniture';

  replace(
    root,
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, '← Stories'), copies.storyId ? ' · ' : null, copies.storyId ? h('a', { href: `#/story/${encodeURIComponent(copies.storyId)}` }, 'Its story') : null),
    h('header', { class: 'article-head' },
      h('h1', {}, article.title ?? article.id),
      h('p', { class: 'meta' },
        [article.siteName && !looksLikePath(article.siteName) ? article.siteName : undefined, published ? formatDate(published) : undefined, article.language.code, `${article.wordCount} words`].filter((x) => x).join(' · '),
        article.url ? ' · ' : null,
        article.url ? h('a', { href: article.url, class: 'original', rel: 'noopener noreferrer nofollow' }, 'original page') : null,
      ),
      h('p', { class: 'muted origin' }, `From ${origin.origin.kind} ${origin.origin.locator} (${origin.mediaType}), ingested ${formatDate(origin.ingestedAt)}`),
      article.credits.length > 0 ? h('p', { class: 'muted' }, `Credits: ${article.credits.map((c) => `${c.name} (${c.role})`).join(', ')}`) : null,
    ),
    h('div', { class: 'article-grid' },
      h('article', { class: 'clean-text' }, ...article.paragraphs.map((p) => h('p', {}, article.text.slice(p.start, p.end)))),
      h('div', { class: 'article-side' },
        section('Messages', 'messages', messages.length === 0 ? h('p', { class: 'muted' }, 'No message: nothing was dropped, repaired or doubted.') : h('ol', { class: 'message-list' }, ...messages.map(messageItem))),
        section('Removed furniture', 'removed', removed.length === 0 ? h('p', { class: 'muted' }, 'Nothing was removed from the extracted text.') : toggle, furniture),
      ),
    ),
  );
}

function messageItem(m: Message): HTMLElement {
  return h('li', { class: `message ${m.severity}`, data: { rule: m.ruleId } },
    h('p', {}, h('code', {}, `${m.stage}/${m.ruleId}`), ' ', h('span', { class: `severity ${m.severity}` }, m.severity), m.span ? h('span', { class: 'muted' }, ` ${m.layer ?? ''} ${m.span.start}–${m.span.end}`) : null),
    h('p', {}, m.reason),
    m.excerpt ? h('blockquote', { class: 'excerpt' }, m.excerpt) : null);
}

/** The extracted text with each removed span wrapped in a marked element naming its rule. */
function markedExtract(text: string, removed: readonly Message[]): HTMLElement {
  const spans = [...removed].sort((a, b) => a.span!.start - b.span!.start);
  const out: Child[] = [];
  let at = 0;
  for (const m of spans) {
    const { start, end } = m.span!;
    if (start < at) continue;
    out.push(text.slice(at, start));
    out.push(h('del', { class: 'removed', title: `${m.ruleId}: ${m.reason}`, data: { rule: m.ruleId } }, h('span', { class: 'rule' }, m.ruleId), text.slice(start, end)));
    at = end;
  }
  out.push(text.slice(at));
  return h('pre', { class: 'extracted' }, ...out);
}
