// Everyday Taskcluster work on top of the clients: wait for tasks and groups, upload artifacts,
// follow logs.
export { waitForTask, type WaitForTaskOptions } from './wait-for-task.js';
export {
  waitForTaskGroup,
  countTaskGroup,
  type WaitForTaskGroupOptions,
  type TaskGroupCounts,
  type TaskGroupProgress,
} from './wait-for-task-group.js';
export { uploadArtifact, type UploadArtifactOptions } from './upload-artifact.js';
export { followLog, type FollowLogOptions } from './follow-log.js';
export type { PollOptions } from './poll.js';
export type { QueueLike, QueueArg, TaskState, TaskStatus, TaskRun } from './queue.js';
