/** One line of a V8 stack trace, split into its parts when it has them. */
export interface StackFrame {
  /** The line as V8 wrote it, without the leading `at `. */
  text: string;
  /** The function, e.g. `UsersController.find`, `new Client`, `async Promise.all`. */
  fn?: string;
  /** Where the code is: a path, a `file://` URL, `node:internal/…`, `native`. */
  location?: string;
  line?: number;
  column?: number;
}

// "at fn (location:line:col)" or "at location:line:col"; the location may itself hold colons (URLs, Windows drives).
const WITH_FUNCTION = /^(.*?) \((.+?):(\d+):(\d+)\)$/;
const BARE_LOCATION = /^(.+?):(\d+):(\d+)$/;

/**
 * Frames of `stack`, after its header. The header is cut off up to the end of
 * the error's message, rather than by looking for "at" lines, so that a
 * message that itself contains "\n    at …" lines cannot pose as frames.
 */
export function parseStack(stack: string, message: string): StackFrame[] {
  const messageAt = message ? stack.indexOf(message) : -1;
  const body = messageAt >= 0 ? stack.slice(messageAt + message.length) : stack;
  const frames: StackFrame[] = [];
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('at ')) frames.push(parseFrame(line.slice(3)));
  }
  return frames;
}

function parseFrame(text: string): StackFrame {
  const named = WITH_FUNCTION.exec(text);
  if (named) return { text, fn: named[1], location: named[2], line: Number(named[3]), column: Number(named[4]) };
  const bare = BARE_LOCATION.exec(text);
  if (bare) return { text, location: bare[1], line: Number(bare[2]), column: Number(bare[3]) };
  // "fn (native)", "fn (<anonymous>)", "fn (index 0)": nothing to locate.
  return { text };
}
