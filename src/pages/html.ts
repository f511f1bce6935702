/**
 * Markup that is safe to send: built by the `html` tag, whose interpolated
 * values were escaped. Only this module constructs it directly (for its own
 * stylesheet); users get it from `html`.
 */
export class SafeHtml {
  constructor(private readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (character) => ENTITIES[character]);
}

/**
 * Tagged template for error pages. Every interpolated value is escaped, so an
 * error message containing `<script>` prints as text; nested `html` results
 * are kept as markup; arrays are concatenated; `null`, `undefined` and `false`
 * print nothing (for `${condition && html`…`}`).
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let markup = strings[0];
  for (let index = 0; index < values.length; index++) markup += interpolate(values[index]) + strings[index + 1];
  return new SafeHtml(markup);
}

function interpolate(value: unknown): string {
  if (value instanceof SafeHtml) return value.toString();
  if (Array.isArray(value)) return value.map(interpolate).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}
