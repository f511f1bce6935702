import type { TourStep } from './tour-step.js';

/** Where the docs say the sample listens: `npm start`'s defaults. */
export const HTTP_ADDRESS = 'localhost:3000';
export const RPC_ADDRESS = '127.0.0.1:3001';

/**
 * What a reader types to send a step: curl for HTTP and GraphQL (`-i` shows
 * the status line and headers, `-s` only the body), the client call
 * `npm run demo:contexts` makes for socket.io and TCP.
 */
export function commandLine(step: TourStep, curlFlag: '-i' | '-s' = '-i'): string {
  switch (step.context) {
    case 'http': {
      const method = step.method === 'GET' ? '' : ` -X ${step.method}`;
      return `curl ${curlFlag}${method} ${shellWord(`${HTTP_ADDRESS}${step.path}`)}${step.body ? ` ${jsonData(step.body)}` : ''}`;
    }
    case 'graphql':
      return `curl ${curlFlag} ${HTTP_ADDRESS}/graphql ${jsonData({ query: step.query })}`;
    case 'ws':
      return `socket.emit(${JSON.stringify(step.event)}, ${JSON.stringify(step.data)})  // socket.io, ${HTTP_ADDRESS}`;
    case 'rpc':
      return `client.send(${JSON.stringify(step.pattern)}, ${JSON.stringify(step.data)})  // TCP, ${RPC_ADDRESS}`;
  }
}

function jsonData(body: unknown): string {
  return `-H 'content-type: application/json' -d ${shellWord(JSON.stringify(body))}`;
}

/** Single-quoted when the shell would read anything in it (`?`, `&`, spaces, quotes). */
function shellWord(word: string): string {
  return /^[\w./:@%+=,-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
