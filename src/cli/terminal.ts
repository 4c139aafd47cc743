/**
 * Text from sources printed to a terminal: control characters (ESC and OSC sequences can clear
 * the screen or rewrite a line), and bidirectional overrides (which reorder what is read), are
 * shown as visible \u escapes instead of acting. Line breaks and tabs stay.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- these controls are what it finds
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export const terminalText = (text: string): string =>
  text.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
