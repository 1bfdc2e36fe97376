/**
 * Which date each article of a story is read against: its own publication date, or, when it has
 * none, the latest publication date of the story's other articles.
 */
import type { StoryArticle, StoryInput } from '../input.js';

/** An article's anchor: the date and where it came from. */
export interface ArticleAnchor {
  /** ISO date or datetime. */
  readonly value: string;
  /** `article`: its own publication date; `story`: borrowed from the story's other articles. */
  readonly from: 'article' | 'story';
}

/**
 * The anchor of every article of a story, by article id. An article without a publication date
 * borrows the latest date among the story's other articles: a relative date ("on Monday") read
 * past-leaning from the latest report of the story lands on the event when the story's coverage
 * spans less than a week, which is the usual case. Articles of a story where no article is dated
 * get no anchor.
 */
export function storyAnchors(story: StoryInput): ReadonlyMap<string, ArticleAnchor> {
  const dated = story.articles.filter((a): a is StoryArticle & { published: string } => typeof a.published === 'string' && /^\d{4}-\d{2}-\d{2}/.test(a.published));
  const latest = dated.map((a) => a.published).sort((a, b) => a.slice(0, 10).localeCompare(b.slice(0, 10))).at(-1);
  const out = new Map<string, ArticleAnchor>();
  for (const a of story.articles) {
    if (a.published && /^\d{4}-\d{2}-\d{2}/.test(a.published)) out.set(a.id, { value: a.published, from: 'article' });
    else if (latest) out.set(a.id, { value: latest, from: 'story' });
  }
  return out;
}
