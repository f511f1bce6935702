/** User-facing messages of the HTTP context, named for the misuse they report. */

export const invalidAnswerStatusMessage = (status: unknown) =>
  `the handler's answer has status ${describeValue(status)}, which cannot be sent: use an integer from 200 to 599.`;

export const invalidAnswerHeaderMessage = (name: string) =>
  `the handler's answer has a header ${JSON.stringify(String(name)).slice(0, 80)} whose name or value cannot be sent ` +
  `(empty, not a string, or with characters such as CR or LF that HTTP forbids).`;

function describeValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `"${value.slice(0, 40)}" (a string)`;
  return typeof value;
}

export const unserialisableBodyMessage = (error: unknown) =>
  `the answer's body cannot be serialised as JSON (${error instanceof Error ? error.message.slice(0, 200) : 'it threw'}): ` +
  `answer with plain data, without cycles, BigInts or getters that throw.`;
