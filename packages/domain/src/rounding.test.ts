import { roundRate, roundTo } from './rounding.js';

describe('roundTo', () => {
  it.each([
    [9.95, 1, 10],
    [9.94, 1, 9.9],
    [1.005, 2, 1.01],
    [0.995, 2, 1],
    [0.994, 2, 0.99],
    [10.526315789, 1, 10.5],
    [-2.25, 1, -2.3],
    [-2.2000000000000006, 1, -2.2],
    [0, 1, 0],
    [42, 0, 42],
  ])('roundTo(%p, %i) = %p', (value, decimals, expected) => {
    expect(roundTo(value, decimals)).toBe(expected);
  });
});

describe('roundRate', () => {
  it.each([
    [0, 0],
    [1, 1],
    [2 / 3, 0.667],
    [1 / 3, 0.333],
    [0.0625, 0.063],
    [0.12345, 0.123],
    [0.9995, 1],
  ])('roundRate(%p) = %p', (value, expected) => {
    expect(roundRate(value)).toBe(expected);
  });
});
