// The shapes the sandbox's queue keeps its tasks in (Node only): definition, status and runs,
// with the fields the real queue answers with.
import type { Json } from '../responses.js';

export type RunState = 'pending' | 'running' | 'completed' | 'failed' | 'exception';

export interface TaskRun {
  runId: number;
  state: RunState;
  reasonCreated: string;
  scheduled: string;
  reasonResolved?: string;
  started?: string;
  resolved?: string;
  takenUntil?: string;
  workerGroup?: string;
  workerId?: string;
}

/** Where a task is queued and whose it is, and its time limits: in definition and status alike. */
interface TaskPlacement {
  provisionerId: string;
  workerType: string;
  taskQueueId: string;
  schedulerId: string;
  projectId: string;
  taskGroupId: string;
  deadline: string;
  expires: string;
}

export interface TaskStatus extends TaskPlacement {
  taskId: string;
  retriesLeft: number;
  state: 'unscheduled' | RunState;
  runs: TaskRun[];
}

/** A task definition with the queue's defaults filled in. */
export interface TaskDefinition extends TaskPlacement {
  dependencies: string[];
  requires: string;
  routes: string[];
  priority: string;
  retries: number;
  created: string;
  scopes: string[];
  payload: Json;
  metadata: Json;
  tags: Json;
  extra: Json;
}

export interface StoredTask {
  task: TaskDefinition;
  status: TaskStatus;
}
