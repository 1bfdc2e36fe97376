/**
 * The envelope: a record travelling through the pipeline together with its messages.
 *
 * Stages take envelopes and return envelopes. A stage never removes earlier messages; it returns
 * a new envelope whose `messages` are the old ones followed by its own. An envelope with a
 * message of severity `error` carries no usable value for later stages (`value` is then the last
 * good state, kept so a user can inspect it).
 */
import type { Message } from './message.js';

export interface Envelope<T> {
  readonly value: T;
  readonly messages: readonly Message[];
}

/** True when any message on the envelope is an error: later stages skip it. */
export function isFailed(envelope: Envelope<unknown>): boolean {
  return envelope.messages.some((m) => m.severity === 'error');
}

/** A new envelope with `value` and the old messages followed by `added`. */
export function advance<A, B>(from: Envelope<A>, value: B, added: readonly Message[] = []): Envelope<B> {
  return { value, messages: added.length === 0 ? from.messages : [...from.messages, ...added] };
}
