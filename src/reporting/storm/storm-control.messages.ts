/** Every user-facing message about storm control, named for the situation it reports. */

export const invalidStormLimitMessage = (name: string, value: unknown, expected: string) =>
  `ErrorHandlersModule.forRoot({ stormControl }): ${name} must be ${expected}, got ${String(value)}. ` +
  `Leave it out for the default, or set stormControl: false to send every reported error as its own event.`;
