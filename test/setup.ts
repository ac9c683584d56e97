export {};
// Per-file environments are chosen with a `// @vitest-environment jsdom` comment at the top of
// client test files; this setup only adds DOM matchers where a DOM exists.
if (typeof window !== 'undefined') {
  await import('@testing-library/jest-dom/vitest');
  // UI tests talk to a real server whose login hashes the password with Argon2id on purpose (a few
  // hundred ms alone, seconds on a shared 2-core CI runner); Testing Library's 1 s default for
  // findBy/waitFor then fails a correct screen. A wrong screen still fails, only later.
  const { configure } = await import('@testing-library/react');
  configure({ asyncUtilTimeout: 8_000 });
}
