'use strict';
/**
 * Mocha's spec reporter, plus a machine-readable summary for scripts/test.ts: when the run ends,
 * `{ passes, failures, pending, files }` from the runner's stats is written as JSON to the file
 * named by TEST_SUMMARY_FILE (when set). Hook failures count as failures, as mocha counts them.
 * `files` maps each spec file to the milliseconds its top-level suites took: the runner shards the
 * next run's files across workers by them.
 *
 *   mocha --reporter test/support/summary-reporter.cjs
 */
const fs = require('node:fs');
const Mocha = require('mocha');

const { Spec } = Mocha.reporters;
const { EVENT_RUN_END, EVENT_SUITE_BEGIN, EVENT_SUITE_END } = Mocha.Runner.constants;

class SummaryReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    const file = process.env.TEST_SUMMARY_FILE;
    if (!file) return;
    const files = {};
    const began = new Map();
    const topLevel = (suite) => suite.file && suite.parent && suite.parent.root;
    runner.on(EVENT_SUITE_BEGIN, (suite) => {
      if (topLevel(suite)) began.set(suite, Date.now());
    });
    runner.on(EVENT_SUITE_END, (suite) => {
      if (topLevel(suite) && began.has(suite)) files[suite.file] = (files[suite.file] || 0) + Date.now() - began.get(suite);
    });
    runner.once(EVENT_RUN_END, () => {
      const stats = runner.stats || {};
      const summary = {
        passes: stats.passes || 0,
        failures: stats.failures || 0,
        pending: stats.pending || 0,
        files,
      };
      // Synchronous: with `exit: true` mocha calls process.exit right after the run ends.
      fs.writeFileSync(file, JSON.stringify(summary) + '\n');
    });
  }
}

SummaryReporter.description = 'spec output, plus { passes, failures, pending } written to $TEST_SUMMARY_FILE';

module.exports = SummaryReporter;
