#!/usr/bin/env node
/*
 * The project's TypeScript kernel: this project's tslab, started with its iopub socket set to send every
 * message at once. `bash scripts/setup.sh` registers this file as the tslab kernel (.jupyter/).
 *
 * Why. tslab (checked with 1.0.22) publishes every output of a cell (display_data, update_display_data,
 * stream) and the kernel's status with `iopub.send(...)` and never awaits the promise. zeromq.js 6 (checked
 * with 6.8.0, src/socket.cc `Socket::Send`) sends at most 512 messages in a row synchronously; it defers
 * the next one to the following turn of the event loop, so that a busy sender cannot starve it, and until
 * that deferred send has gone out every further `send` throws EBUSY ("Socket is busy writing")
 * synchronously. So when the kernel's 513th iopub message is followed by another one in the same turn
 * (a progress line updated twice, two outputs shown one after the other, an output and the status
 * "idle"), the second call throws inside the cell: the cell fails, and its error message (written to
 * stderr, which tslab also sends on iopub) and the status "idle" are lost on the same busy socket.
 * nbconvert then waits 4 s for the missing "idle" (its iopub_timeout) and reports "<Error>: " with no
 * text. A notebook that sends a few hundred updates (one per run of a 450-run sweep) crosses the 512th
 * message in the middle of that burst.
 *
 * The fix: `sendTimeout: 0` on the iopub publisher. zeromq.js then always sends synchronously
 * (`send_timeout == 0` takes the immediate path) and never enters the deferred state. A publisher never
 * blocks anyway: at its high-water mark it drops messages, with or without this option, so nothing else
 * changes. tslab creates the socket with `new zmq.Publisher()` on the module's exports, so this launcher
 * replaces that export before tslab starts.
 */
"use strict";
const path = require("node:path");

/**
 * Make `zmq.Publisher` create sockets with `sendTimeout: 0` (whatever other options the caller passes).
 * `zmq` is the zeromq module's exports (or a stand-in in tests); it is changed in place. Idempotent.
 */
function publishWithoutDeferring(zmq) {
  const Base = zmq.Publisher;
  if (Base.sendsWithoutDeferring === true) return;
  class IopubPublisher extends Base {
    constructor(options) {
      super({ ...options, sendTimeout: 0 });
    }
  }
  IopubPublisher.sendsWithoutDeferring = true;
  zmq.Publisher = IopubPublisher;
}

function main() {
  const root = path.resolve(__dirname, "..");
  const tslabDir = path.dirname(require.resolve("tslab/package.json", { paths: [root] }));
  // The zeromq that tslab's dist/jupyter.js loads: the same file, so the same module instance.
  publishWithoutDeferring(require(require.resolve("zeromq", { paths: [tslabDir] })));
  require(path.join(tslabDir, "dist", "main.js")).main();
}

module.exports = { publishWithoutDeferring };
if (require.main === module) main();
