// The parts of the queue's answers the commands read, typed. Without `tcdyn types` a client's
// answers are `any`; the commands see the queue client through this structural view instead,
// so that a field they read under another name or type is a compile error.
import type { TaskStatus } from '../index.js';

/** One entry of listLatestArtifacts. */
export interface ArtifactListing {
  name: string;
  storageType: string;
  contentType: string;
}

/** The fields of a task definition that retrigger reads; the rest is copied as it is. */
export interface TaskDefinitionView {
  created: string;
  deadline: string;
  expires: string;
  retries?: number;
  metadata: { name: string };
  [field: string]: unknown;
}

/** A page of listTaskGroup. */
export interface GroupPage {
  tasks: Array<{ status: TaskStatus; task: TaskDefinitionView }>;
  continuationToken?: string;
}

/** The queue methods the task and group commands call, with the answers they read. */
export interface QueueView {
  status(taskId: string): Promise<{ status: TaskStatus }>;
  task(taskId: string): Promise<TaskDefinitionView>;
  createTask(taskId: string, task: object): Promise<{ status: TaskStatus }>;
  cancelTask(taskId: string): Promise<{ status: TaskStatus }>;
  rerunTask(taskId: string): Promise<{ status: TaskStatus }>;
  listLatestArtifacts(
    taskId: string,
    query: { continuationToken?: string },
  ): Promise<{ artifacts: ArtifactListing[]; continuationToken?: string }>;
  listTaskGroup(taskGroupId: string, query: { continuationToken?: string }): Promise<GroupPage>;
  sealTaskGroup(taskGroupId: string): Promise<unknown>;
  cancelTaskGroup(taskGroupId: string): Promise<{ cancelledCount: number; taskGroupSize: number }>;
}
