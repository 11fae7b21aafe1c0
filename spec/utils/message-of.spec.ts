import { describe, it, expect } from '@jest/globals';
import { messageOf } from '../../lib/utils/message-of.js';

describe('messageOf', () => {
  it('gives the message of an Error', () => {
    expect(messageOf(new TypeError('bad input'))).toBe('bad input');
  });

  it('gives the message of a thrown object that carries one', () => {
    expect(messageOf({ message: 'shaped like an error', code: 'E' })).toBe('shaped like an error');
  });

  it('gives anything else that was thrown as text', () => {
    expect(messageOf({ message: null })).toBe('[object Object]');
    expect(messageOf('plain string')).toBe('plain string');
    expect(messageOf(42)).toBe('42');
    expect(messageOf(undefined)).toBe('undefined');
  });
});
