import { TestWorkflowEnvironment } from '@temporalio/testing';

/** The workflow code bundled once by global setup (bundling per test file costs seconds on 2 cores). */
export function workflowBundle(): { codePath: string } {
  const codePath = process.env.WORKFLOW_BUNDLE_PATH;
  if (!codePath) throw new Error('WORKFLOW_BUNDLE_PATH is not set: run through `npm test`');
  return { codePath };
}

/** Java time-skipping test server from the cache (see scripts/lib/tools.js), else the SDK's download. */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_TEST_SERVER;
  // The SDK core gives the server a fixed 5 s to accept connections; a JVM on a loaded 2-core machine can miss
  // that. Such a start is retried (the SDK stops the process it started); any other failure is not.
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping(path ? { server: { executable: { type: 'existing-path', path } } } : {});
    } catch (err) {
      if (attempt >= 3 || !/did not start within/.test(String((err as Error)?.message ?? err))) throw err;
    }
  }
}

/** The real dev server global setup started. */
export function connectToDevServer(): Promise<TestWorkflowEnvironment> {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address) throw new Error('TEMPORAL_ADDRESS is not set: run through `npm test`');
  return TestWorkflowEnvironment.createFromExistingServer({ address });
}
