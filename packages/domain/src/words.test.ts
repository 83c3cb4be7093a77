import { counted } from './words.js';

describe('counted', () => {
  it.each<[number, string, string | undefined, string]>([
    [0, 'day', undefined, '0 days'],
    [1, 'day', undefined, '1 day'],
    [2, 'day', undefined, '2 days'],
    [1, 'distinct episode', undefined, '1 distinct episode'],
    [3, 'episode', undefined, '3 episodes'],
    [1, 'flare', 'flares', '1 flare'],
    [4, 'person', 'people', '4 people'],
  ])('counted(%p, %p, %p) = %p', (count, singular, plural, expected) => {
    expect(counted(count, singular, plural)).toBe(expected);
  });
});
