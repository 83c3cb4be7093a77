// @ts-check

/**
 * JSON.parse, typed as what it is: `unknown` until the caller says what it expects (`any` would switch type
 * checking off for everything read from the result).
 * @param {string} text
 * @returns {unknown}
 */
export function parseJson(text) {
  return JSON.parse(text);
}
