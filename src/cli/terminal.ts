/**
 * The CLI's one guard between stored text and the terminal. Titles, texts, site names, messages
 * and input names come from the pages ingested, and a page may carry terminal control sequences:
 * a clipboard write (OSC 52), a window title change, a screen clear, a bidi override that
 * reverses the columns after it. Every byte a command writes to standard output or standard
 * error passes through {@link terminalText} (the streams of the command's context are wrapped
 * once, in `runCli`), so no command has to remember it:
 *
 * - ESC sequences (CSI, OSC and the other string sequences, two-character escapes) are removed
 *   whole; when colour is on, the SGR codes the CLI's own styles use (bold, dim, red, yellow and
 *   their resets) are kept — stored text can at most recolour itself with them;
 * - any other control character (C0 but tab, line feed and CRLF, DEL, C1) and the bidi embedding,
 *   override and isolate controls are written as a visible `\uXXXX` escape: the reader sees
 *   that something was there, and JSON output (where they sit inside strings) stays the same
 *   data, since that is how JSON escapes them.
 *
 * The progress bar draws with cursor movements, so it alone writes to the unwrapped stream
 * (`CliContext.progressStream`) and passes its one text field through {@link terminalText}.
 */

/** Whether the CLI styles its output: on a TTY, unless NO_COLOR is set. */
export function colourOn(isTTY: boolean | undefined, env: Readonly<Record<string, string | undefined>>): boolean {
  return isTTY === true && env.NO_COLOR === undefined;
}

/** The SGR parameters `createStyle` emits: bold, dim, normal intensity, red, yellow, default colour. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const OWN_SGR = /^\u001b\[(?:1|2|22|31|33|39)m$/u;

// An ESC sequence: CSI (parameters, intermediates, final byte); a string sequence (OSC, DCS, SOS,
// PM, APC) up to its terminator (BEL or ST); any other escape (intermediates, final byte).
// Then a single control character: C0 but tab, line feed and the carriage return of a CRLF (CSV
// rows end so), DEL, C1, bidi embeddings, overrides and isolates. Each scan stops at the next ESC, so hostile text costs linear time.
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point.
  /\u001b\[[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]|\u001b[\]PX^_][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)|\u001b[\u0020-\u002f]*[\u0030-\u007e]|\r(?!\n)|[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const ANY_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** `text` made safe for a terminal (see the module comment); `keepStyle` keeps the CLI's own SGR codes. */
export function terminalText(text: string, keepStyle = false): string {
  if (!ANY_UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (m) => {
    if (m.length === 1) return `\\u${m.charCodeAt(0).toString(16).padStart(4, '0')}`;
    return keepStyle && OWN_SGR.test(m) ? m : '';
  });
}

type Write = (chunk: unknown, ...rest: unknown[]) => boolean;

/**
 * `stream` with every string or buffer written to it passed through {@link terminalText}; every
 * other property (isTTY, columns, events) is the stream's own.
 */
export function terminalStream<S extends NodeJS.WritableStream>(stream: S, keepStyle: boolean): S {
  const write = stream.write.bind(stream) as Write;
  return new Proxy(stream, {
    get(target, prop) {
      if (prop === 'write') {
        return (chunk: unknown, ...rest: unknown[]): boolean =>
          write(typeof chunk === 'string' ? terminalText(chunk, keepStyle) : Buffer.isBuffer(chunk) ? terminalText(chunk.toString('utf8'), keepStyle) : chunk, ...rest);
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
