// Node-only (files, streams, undici; left out of the browser build): the public surface of object
// and artifact transfers.
export {
  upload,
  uploadFromBuf,
  uploadFromFile,
  type UploadOptions,
  type UploadResult,
} from './upload.js';
export {
  download,
  downloadToBuf,
  downloadToFile,
  type DownloadOptions,
  type DownloadedBuffer,
} from './download.js';
export {
  downloadArtifact,
  downloadArtifactToBuf,
  downloadArtifactToFile,
  downloadManagedArtifact,
  type ArtifactOptions,
} from './artifacts.js';
export type { ReaderFactory, WriterFactory } from './arguments.js';
