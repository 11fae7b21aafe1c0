// Prints the plain closing line `Tests: N passed, N failed, N skipped` that CI reads in any language.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const {
      numPassedTests: passed,
      numFailedTests: failed,
      numPendingTests: skipped,
      numRuntimeErrorTestSuites: broken,
    } = results;
    process.stdout.write(
      `\nTests: ${passed} passed, ${failed + broken} failed, ${skipped} skipped\n`,
    );
  }
}
module.exports = SummaryReporter;
