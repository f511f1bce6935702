import type { TourStep } from './tour-step.js';

export const APP_NAME = 'nestjs-error-handlers sample';

type WithoutAnswer<T> = T extends unknown ? Omit<T, 'expect'> : never;

/** A step as `GET /` lists it: how to send it and what it shows, not the answer. */
export type TourEntry = WithoutAnswer<TourStep>;

/** What `GET /` answers API clients: every step of the tour, in order. */
export function tourIndex(steps: readonly TourStep[]): { app: string; tour: TourEntry[] } {
  return { app: APP_NAME, tour: steps.map(entryOf) };
}

function entryOf(step: TourStep): TourEntry {
  const { expect: _answer, ...entry } = step;
  return entry;
}
