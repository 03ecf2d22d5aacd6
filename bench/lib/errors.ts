/** One line saying why something failed, good enough to print under a table. */
export const describeError = (error: unknown): string => {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map(describeError))].join('; ');
  }
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    const message = error.message || (typeof code === 'string' ? code : error.name);
    return message.split('\n')[0]!;
  }
  return String(error);
};
