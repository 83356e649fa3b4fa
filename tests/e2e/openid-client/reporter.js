// node:test reporter: `PASS name` / `FAIL name: reason` / `SKIP name: reason`
// for each top-level test, then the plain closing line `N passed, M failed`
// (`, K skipped` when any were skipped).

import { inspect } from "node:util";

/** The most useful one-paragraph account of a failure. */
function reason(error) {
  // node:test wraps the thrown value: `cause` is what the test threw.
  const e = error?.failureType === "testCodeFailure" || error?.code === "ERR_TEST_FAILURE" ? error.cause : error;
  if (e instanceof Error) {
    let text = e.message;
    // Include nested causes (openid-client wraps the oauth4webapi error).
    for (let c = e.cause, depth = 0; c instanceof Error && depth < 4; c = c.cause, depth++) {
      text += `\n  caused by: ${c.message}`;
    }
    return text;
  }
  return inspect(e, { depth: 4 });
}

export default async function* reporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    const { type, data } = event;
    // Subtests (nesting > 0) are steps of a scenario: only scenarios count.
    if ((type === "test:pass" || type === "test:fail") && data.nesting === 0) {
      if (data.skip !== undefined && data.skip !== false) {
        skipped++;
        yield `SKIP ${data.name}: ${data.skip === true ? "skipped" : data.skip}\n`;
      } else if (type === "test:pass") {
        passed++;
        yield `PASS ${data.name} (${Math.round(data.details.duration_ms)} ms)\n`;
      } else {
        failed++;
        yield `FAIL ${data.name}: ${reason(data.details.error)}\n`;
      }
    }
  }
  yield `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`;
}
