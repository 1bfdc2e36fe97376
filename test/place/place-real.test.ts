import { describe, expect, it } from 'vitest';
import { createEventPlace, placeCues } from '../../src/pipeline/analyze/place/index.js';
import { createEntityResolver } from '../../src/pipeline/analyze/entities/index.js';
import { storyArticle as article, storyOf as story } from '../support/stories.js';

const eventPlace = createEventPlace();

describe('event place on real-news layouts', () => {
  it('reads a dateline with no dash after an agency in capitals ("Varden (WIRE) Talks …"), not a name\'s aside', () => {
    expect(placeCues(article('a', 'f', ['Varden (WIRE) Talks opened on Monday in the old port.']))[0]).toMatchObject({ name: 'Varden', rule: 'dateline' });
    expect(placeCues(article('b', 'f', ['Jane Roe (Acme Watch) President of the group spoke.'])).map((c) => c.rule)).not.toContain('dateline');
  });

  it('reads a dateline with a state abbreviation after an editor\'s note', () => {
    const cues = placeCues(article('a', 'f', ['(Editor\'s note: this story has strong language)', 'LORVIK, Calif. (Wirepress) - Police named the driver on Monday.']));
    expect(cues[0]).toMatchObject({ name: 'Lorvik', rule: 'dateline' });
  });

  it('takes no place from a photo caption with its credit', () => {
    const s = story([
      article('a', 'f1', ['Nurses rest outside a clinic on June 3 in Brask, Velland. Ana Roe | Pix Images', 'Cases rose again in Lorvik on Sunday.'], '2024-06-10'),
      article('b', 'f2', ['Cases rose again in Lorvik on Sunday, officials said.'], '2024-06-10'),
      article('c', 'f3', ['Hospitals filled in Brask as numbers climbed.'], '2024-06-10'),
    ]);
    expect(eventPlace(s)?.value).toBe('Lorvik');
  });

  it('never takes a person or an organisation named after "at" as the place', () => {
    const cues = placeCues(article('a', 'f', ['Velland hit back at President Maria Kessel by raising tariffs.']), undefined, createEntityResolver());
    expect(cues.map((c) => c.name)).not.toContain('President Maria Kessel');
  });

  it('never takes a demonym as the place; it votes for its country only when nothing more specific is named', () => {
    const s = story([
      article('a', 'f1', ['The campaign was one of the most divisive in Canadian history.'], '2024-06-10'),
      article('b', 'f2', ['Voters returned a minority government.', 'The vote was counted overnight.'], '2024-06-10'),
    ]);
    const p = eventPlace(s);
    expect(p?.value).toBe('Canada');
    const cues = placeCues(article('c', 'f3', ['Canadian voters queued in Lorvik on Monday.']));
    expect(cues.map((c) => c.name)).toEqual(['Lorvik']);
  });

  it('rolls a venue named "in A in B" up to B', () => {
    const s = story([
      article('a', 'f1', ['Shots were fired at a fair in Birch Hill Park in Lorvik, Velland, on Sunday.'], '2024-06-10'),
      article('b', 'f2', ['A gunman opened fire at a fair in Lorvik on Sunday.'], '2024-06-10'),
    ]);
    const p = eventPlace(s)!;
    expect(p).toMatchObject({ value: 'Lorvik', votes: 2 });
  });
});
