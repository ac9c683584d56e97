/** No NUL characters: PostgreSQL text cannot hold them, and no officer ever types one. */
export const withoutNul = (value: string) => !value.includes('\u0000');
