import { createRequire } from "node:module";
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * scripts/tslab-kernel.cjs, the kernel the notebooks run on: tslab with an iopub publisher that never
 * defers a send. The first test pins the cause (zeromq.js 6.8.0's `Socket::Send`: 512 synchronous sends,
 * the 513th deferred to the next event-loop turn, any send before that throws EBUSY), the second the fix.
 */

interface PublisherSocket {
  sendTimeout: number;
  bind(address: string): Promise<void>;
  send(message: string[]): Promise<void>;
  close(): void;
}
interface Zmq {
  Publisher: new (options?: Record<string, unknown>) => PublisherSocket;
}

const require = createRequire(import.meta.url);
// The zeromq that tslab loads (it is tslab's dependency, not the project's).
const zmq = require(require.resolve("zeromq", { paths: [dirname(require.resolve("tslab/package.json"))] })) as Zmq;
const { publishWithoutDeferring } = require("../../scripts/tslab-kernel.cjs") as { publishWithoutDeferring: (z: { Publisher: unknown }) => void };

/** Send `count` messages in one synchronous loop, as tslab does within one turn; the 1-based index of the first send that threw, or null. */
function sendInOneTurn(socket: PublisherSocket, count: number): { thrownAt: number | null; error: unknown; pending: Promise<void>[] } {
  const pending: Promise<void>[] = [];
  for (let i = 1; i <= count; i++) {
    try {
      pending.push(socket.send(["iopub", `message ${i}`]));
    } catch (e) {
      return { thrownAt: i, error: e, pending };
    }
  }
  return { thrownAt: null, error: null, pending };
}

describe("the tslab kernel's iopub publisher", () => {
  it("without the fix, the 514th send in one turn throws EBUSY (the 513th is deferred)", async () => {
    const socket = new zmq.Publisher();
    await socket.bind("tcp://127.0.0.1:*");
    const r = sendInOneTurn(socket, 600);
    await Promise.all(r.pending);
    socket.close();
    expect(r.thrownAt).toBe(514);
    expect((r.error as { code?: string }).code).toBe("EBUSY");
    expect((r.error as Error).message).toBe("Socket is busy writing; only one send operation may be in progress at any time");
  });

  it("with publishWithoutDeferring, every send in one turn goes out at once", async () => {
    const patched = { Publisher: zmq.Publisher as unknown };
    publishWithoutDeferring(patched);
    publishWithoutDeferring(patched); // idempotent: one subclass, not two
    const Publisher = patched.Publisher as Zmq["Publisher"];
    expect(Object.getPrototypeOf(Publisher)).toBe(zmq.Publisher);
    const socket = new Publisher({ sendHighWaterMark: 1000 });
    expect(socket.sendTimeout).toBe(0);
    await socket.bind("tcp://127.0.0.1:*");
    const r = sendInOneTurn(socket, 3000);
    await Promise.all(r.pending);
    socket.close();
    expect(r.thrownAt).toBeNull();
    expect(r.pending).toHaveLength(3000);
  });
});
