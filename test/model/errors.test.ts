import { describe, expect, it } from 'vitest';
import { createError, errors, isParallaxError, ParallaxError, toParallaxError } from '../../src/errors.js';

describe('error catalogue', () => {
  it('fills every placeholder it is given and keeps the code', () => {
    const err = createError('INPUT_EMPTY', { input: 'notes/today.txt' });
    expect(err).toBeInstanceOf(ParallaxError);
    expect(err.code).toBe('INPUT_EMPTY');
    expect(err.message).toContain('notes/today.txt');
    expect(err.message).not.toMatch(/\{input\}/);
  });

  it('says what to do next in every message', () => {
    for (const [code, template] of Object.entries(errors)) {
      // Each template is at least two clauses: what happened, then what to do or why.
      expect(template.length, code).toBeGreaterThan(30);
      expect(template, code).toMatch(/[.:]/);
    }
  });

  it('wraps foreign errors as INTERNAL with the original as cause', () => {
    const cause = new TypeError('boom');
    const err = toParallaxError(cause);
    expect(isParallaxError(err, 'INTERNAL')).toBe(true);
    expect(err.cause).toBe(cause);
    expect(toParallaxError(err)).toBe(err);
  });
});
