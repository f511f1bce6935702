/** Where an error came from, as far as the module knows it without per-request work. */
export interface ErrorOrigin {
  /** The controller whose route raised it; absent before routing (unknown route, body parsing). */
  controller?: string;
  /** The Nest module of that controller. */
  module?: string;
}
