import type { HttpAnswer, RpcStep, TourStep, WsStep } from './tour-step.js';

/** A step's request in a few words: `GET /shares/nope`, `socket.io emit "share" {"code":"nope"}`. */
export function requestLabel(step: TourStep): string {
  switch (step.context) {
    case 'http':
      return `${step.method} ${step.path}${step.body ? ` ${JSON.stringify(step.body)}` : ''}`;
    case 'graphql':
      return `POST /graphql ${step.query}`;
    case 'ws':
      return `socket.io emit ${JSON.stringify(step.event)} ${JSON.stringify(step.data)}`;
    case 'rpc':
      return `TCP send ${JSON.stringify(step.pattern)} ${JSON.stringify(step.data)}`;
  }
}

/** The parts of an answer, in the order a reader takes them in: status or event, headers, body. */
export function answerParts(context: TourStep['context'], answer: TourStep['expect'], json: (value: unknown) => string = stringify): string[] {
  if (context === 'ws') {
    const { event, data } = answer as WsStep['expect'];
    return [event, json(data)];
  }
  if (context === 'rpc') {
    const rpc = answer as RpcStep['expect'];
    return 'error' in rpc ? ['error', json(rpc.error)] : ['reply', json(rpc.reply)];
  }
  const { status, headers = {}, body, text } = answer as HttpAnswer;
  const shown = body !== undefined ? json(body) : typeof text === 'string' ? text : text?.express;
  return [String(status), ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), ...(shown ? [shown] : [])];
}

function stringify(value: unknown): string {
  return JSON.stringify(value);
}
