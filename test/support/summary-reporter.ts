import type { Reporter, SerializedError, TestModule } from 'vitest/node'

/** What the closing line counts. */
export interface RunCounts {
  readonly passed: number
  /** Failed tests, plus suites that failed on their own and errors outside any test. */
  readonly failed: number
  readonly skipped: number
  /** Test files that did not load (syntax error, a throwing import) and suites whose hooks threw. */
  readonly failedSuites: number
  /** Errors outside tests: unhandled rejections, uncaught exceptions. */
  readonly errors: number
}

/** Counts tests, failed suites and errors of a run. */
export function countRun(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>) {
  let [passed, failedTests, skipped, failedSuites] = [0, 0, 0, 0]
  for (const module of testModules) {
    for (const test of module.children.allTests()) {
      const state = test.result().state
      if (state === 'passed') passed++
      else if (state === 'failed') failedTests++
      else skipped++
    }
    // A module or suite carries errors of its own when it failed outside its tests: the file did not
    // load, or a beforeAll/afterAll threw. Its tests then did not run, so nothing else counts it.
    for (const suite of [module, ...module.children.allSuites()]) if (suite.errors().length > 0) failedSuites++
  }
  const errors = unhandledErrors.length
  return { passed, failed: failedTests + failedSuites + errors, skipped, failedSuites, errors }
}

/** The closing line: `tests: 3 passed, 2 failed (1 suite, 1 error outside tests), 0 skipped`. */
export function summaryLine(c: RunCounts): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  const outside = [
    ...(c.failedSuites > 0 ? [plural(c.failedSuites, 'suite')] : []),
    ...(c.errors > 0 ? [`${plural(c.errors, 'error')} outside tests`] : []),
  ]
  const failed = `${c.failed} failed${outside.length > 0 ? ` (${outside.join(', ')})` : ''}`
  return `tests: ${c.passed} passed, ${failed}, ${c.skipped} skipped`
}

/**
 * Ends the run with one plain line, `tests: N passed, N failed, N skipped`, that any CI can read. A
 * test file that fails to load and an error outside tests count as failed, so the line never says
 * `0 failed` for a run that failed.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    console.log(`\n${summaryLine(countRun(testModules, unhandledErrors))}`)
  }
}
