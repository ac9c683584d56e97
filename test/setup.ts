export {};
// Per-file environments are chosen with a `// @vitest-environment jsdom` comment at the top of
// client test files; this setup only adds DOM matchers where a DOM exists.
if (typeof window !== 'undefined') {
  await import('@testing-library/jest-dom/vitest');
}
