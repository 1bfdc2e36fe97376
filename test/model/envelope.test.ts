import { describe, expect, it } from 'vitest';
import { advance, isFailed, type Envelope, type Message } from '../../src/model/index.js';

const info: Message = { stage: 'clean', ruleId: 'test-rule', reason: 'removed a caption', severity: 'info' };
const error: Message = { stage: 'extract', ruleId: 'no-content', reason: 'no text', severity: 'error' };

describe('envelope', () => {
  it('keeps earlier messages in order when a stage advances it', () => {
    const start: Envelope<number> = { value: 1, messages: [info] };
    const next = advance(start, 'two', [error]);
    expect(next.value).toBe('two');
    expect(next.messages).toEqual([info, error]);
    expect(start.messages).toEqual([info]);
  });

  it('is failed only when it holds an error message', () => {
    expect(isFailed({ value: 0, messages: [info] })).toBe(false);
    expect(isFailed({ value: 0, messages: [info, error] })).toBe(true);
  });
});
