/**
 * The slice of autocannon 9's API the bench uses. `@types/autocannon` is not
 * a dependency of the project, so the shapes are declared here.
 */
declare module 'autocannon' {
  export interface Options {
    url: string;
    connections?: number;
    pipelining?: number;
    /** Seconds. */
    duration?: number;
    method?: string;
    headers?: Record<string, string>;
    /** The request body, sent with every request. */
    body?: string;
  }

  export interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p99: number;
  }

  export interface Result {
    /** Seconds the run actually lasted. */
    duration: number;
    errors: number;
    timeouts: number;
    resets: number;
    non2xx: number;
    statusCodeStats: Record<string, { count: number }>;
    /** Milliseconds. */
    latency: Histogram;
    /** `total` is the number of completed requests; `sent`, of requests sent (some may be unanswered when the run stops). */
    requests: Histogram & { sent: number };
    throughput: Histogram;
  }

  /** Without a callback, autocannon returns a promise of the result. */
  export default function autocannon(options: Options): Promise<Result>;
}
