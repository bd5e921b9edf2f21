/** True when the suite runs under CI (CI=true): tests that may skip elsewhere must run there. */
export function inCi(): boolean {
  const value = process.env.FLEXERA_SA_TEST_CI ?? process.env.CI;
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}
