// What the workflow helpers need of a queue client, typed structurally so that any queue
// client (typed, untyped, or the namespace's) fits, and the task states they reason about.
import type { Client } from '../client/create-client.js';
import type { ClientOptions } from '../options.js';

/** The state of a task or run, as the queue reports it. */
export type TaskState =
  | 'unscheduled'
  | 'pending'
  | 'running'
  | 'completed'
  | 'failed'
  | 'exception';

export const RESOLVED_STATES: readonly TaskState[] = ['completed', 'failed', 'exception'];
export const OPEN_STATES: readonly TaskState[] = ['unscheduled', 'pending', 'running'];

/** One run of a task in the queue's task status. */
export interface TaskRun {
  runId: number;
  state: string;
  reasonCreated?: string;
  reasonResolved?: string;
  [field: string]: unknown;
}

/** A task's status, as `queue.status(taskId)` answers under `status`. */
export interface TaskStatus {
  taskId: string;
  state: TaskState;
  taskGroupId?: string;
  runs: TaskRun[];
  [field: string]: unknown;
}

/** The queue methods the helpers call; a queue client from createClient('queue') has them. */
export interface QueueLike {
  /** The queue's `status`: a task's status. */
  status(taskId: string): Promise<{ status: TaskStatus }>;
  /** The queue's `listTaskGroup`: one page of a task group's tasks. */
  listTaskGroup(
    taskGroupId: string,
    query?: { continuationToken?: string; limit?: number },
  ): Promise<{ tasks: Array<{ status: TaskStatus }>; continuationToken?: string }>;
  /** The queue's `artifact`: where to download an artifact of a run. */
  artifact(
    taskId: string,
    runId: number,
    name: string,
  ): Promise<{ storageType: string; url?: string }>;
  /** The queue's `createArtifact`: declare an artifact of a run. */
  createArtifact(taskId: string, runId: number, name: string, payload: object): Promise<unknown>;
  /** The queue's `finishArtifact`: mark an uploaded artifact complete. */
  finishArtifact(taskId: string, runId: number, name: string, payload: object): Promise<unknown>;
  /** A queue client with these options merged over this one's. */
  use(overrides: ClientOptions): QueueLike;
}

/** A queue client: typed (`createClient('queue')`) or untyped (`createClient(name)`). */
export type QueueArg = QueueLike | Client;

/** The queue as the helpers call it; an untyped client answers every method name. */
export const asQueue = (queue: QueueArg): QueueLike => queue as QueueLike;

/** The client whose calls stop when `signal` aborts. */
export const withSignal = (queue: QueueArg, signal: AbortSignal): QueueLike =>
  asQueue(queue).use({ signal });
