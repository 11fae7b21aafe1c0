// The deadline of one attempt, merged with the caller's AbortSignal, in the EventEmitter shape
// undici accepts as a `signal`: one timer bounds connect, headers and body together, where an
// AbortSignal per request costs an EventTarget and, with AbortSignal.timeout, lives until it fires.

/** Past this, setTimeout fires at once (its delay is a signed 32-bit integer): no deadline then. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export class Deadline {
  aborted = false;
  reason: unknown;
  /** Whether the caller's signal, not the timer, ended the attempt. */
  abortedByCaller = false;
  /** Rejects the pending request when the deadline passes before undici has taken the abort (connect, TLS handshake). */
  onExpire: ((reason: unknown) => void) | undefined;
  private listener: (() => void) | undefined;
  private readonly timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onCallerAbort: (() => void) | undefined;

  constructor(
    ms: number,
    private readonly caller?: AbortSignal,
  ) {
    if (ms < MAX_TIMER_MS)
      this.timer = setTimeout(() => {
        this.fire(ms);
      }, ms);
    if (!caller) return;
    this.onCallerAbort = () => {
      this.abortedByCaller = true;
      this.abort(caller.reason);
    };
    if (caller.aborted) this.onCallerAbort();
    else caller.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  on(_event: 'abort', listener: () => void): this {
    this.listener = listener;
    return this;
  }
  once(event: 'abort', listener: () => void): this {
    return this.on(event, listener);
  }
  removeListener(): this {
    this.listener = undefined;
    return this;
  }
  clear(): void {
    clearTimeout(this.timer);
    if (this.onCallerAbort) this.caller?.removeEventListener('abort', this.onCallerAbort);
  }

  private fire(ms: number): void {
    this.abort(new DOMException(`the attempt took longer than ${String(ms)} ms`, 'TimeoutError'));
  }

  private abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.listener?.();
    this.onExpire?.(reason);
  }
}
