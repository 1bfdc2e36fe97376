/**
 * People across stories: one story's {@link PersonView}s merged with other stories' by entity id
 * (an entity's id is derived from its kind and name words, so one person keeps one id across
 * stories whose articles name them the same way).
 */
import type { Entity, EntityEvidence } from '../../../model/quote.js';
import type { PersonView } from './index.js';

/** A person over several stories: every form, role and piece of evidence seen, and where. */
export interface PersonAcrossStories extends PersonView {
  readonly storyIds: readonly string[];
}

/** Merge per-story people by entity id; most articles first. */
export function mergePeople(stories: readonly { readonly storyId: string; readonly people: readonly PersonView[] }[]): PersonAcrossStories[] {
  const byId = new Map<string, { entity: Entity; forms: Set<string>; roles: Set<string>; evidence: Map<string, EntityEvidence>; articles: Set<string>; stories: Set<string>; mentions: number; quotes: number }>();
  for (const { storyId, people } of stories) {
    for (const p of people) {
      let m = byId.get(p.entity.id);
      if (!m) {
        m = { entity: p.entity, forms: new Set(), roles: new Set(), evidence: new Map(), articles: new Set(), stories: new Set(), mentions: 0, quotes: 0 };
        byId.set(p.entity.id, m);
      }
      if (p.entity.name.length > m.entity.name.length) m.entity = p.entity;
      for (const f of p.entity.forms) m.forms.add(f);
      for (const r of p.entity.roles) m.roles.add(r);
      for (const e of p.entity.evidence ?? []) m.evidence.set(JSON.stringify(e), e);
      for (const a of p.articleIds) m.articles.add(a);
      m.stories.add(storyId);
      m.mentions += p.mentions;
      m.quotes += p.quotes;
    }
  }
  return [...byId.values()]
    .map((m) => ({
      entity: { ...m.entity, forms: [...m.forms], roles: [...m.roles], evidence: [...m.evidence.values()] },
      articleIds: [...m.articles],
      storyIds: [...m.stories],
      mentions: m.mentions,
      quotes: m.quotes,
    }))
    .sort((a, b) => b.articleIds.length - a.articleIds.length || b.quotes - a.quotes || b.mentions - a.mentions || a.entity.name.localeCompare(b.entity.name));
}
