// Ink (through is-in-ci) renders only the last frame and ignores resize when CI is set.
// Tests need the interactive behaviour, so CI is removed here; whether we run in CI is kept
// in FLEXERA_SA_TEST_CI for the tests that must not skip there (see test/helpers/ci.ts).
if (process.env.CI !== undefined) {
  process.env.FLEXERA_SA_TEST_CI = process.env.CI;
  delete process.env.CI;
}
