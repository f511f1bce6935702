/** The cleanup found its lock taken: what a real sweeper meets when two instances overlap. */
export class CleanupLockedError extends Error {
  override readonly name = 'CleanupLockedError';
}

/** A thumbnail could not be rendered: the image is corrupt, or the renderer is gone. */
export class ThumbnailRenderError extends Error {
  override readonly name = 'ThumbnailRenderError';
}
