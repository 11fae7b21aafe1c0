import { describe, it, expect } from '@jest/globals';
import { messageOf } from '../../lib/utils/message-of.js';

describe('messageOf', () => {
  it('gives the message of an Error', () => {
    expect(messageOf(new TypeError('bad input'))).toBe('bad input');
  });

  it('gives anything else that was thrown as text', () => {
    expect(messageOf('plain string')).toBe('plain string');
    expect(messageOf(42)).toBe('42');
    expect(messageOf(undefined)).toBe('undefined');
  });
});
