/**
 * The visual style, in one place: one accent colour, dim for secondary text, red only for errors,
 * yellow for warnings (and broad roles).
 */
export const theme = {
  accent: 'cyan',
  error: 'red',
  warning: 'yellow',
} as const;

/** Marks used across components (all one column wide). */
export const marks = {
  pointer: '›',
  separator: ' · ',
  checked: '[x]',
  unchecked: '[ ]',
  error: '✗',
  warning: '!',
  ok: '✓',
  mask: '•',
} as const;
