// Every tcdyn subcommand, in the order --help lists them.
import type { Command } from '../args.js';
import { servicesCommand } from './services.js';
import { helpCommand } from './help.js';
import { callCommand } from './call.js';
import { urlCommand } from './url.js';
import { signedUrlCommand } from './signed-url.js';
import { patternCommand } from './pattern.js';
import { slugidCommand } from './slugid.js';
import { fromNowCommand } from './from-now.js';
import { tempCredsCommand } from './temp-creds.js';
import { scopesMatchCommand } from './scopes-match.js';
import { uploadCommand } from './upload.js';
import { downloadCommand } from './download.js';
import { artifactCommand } from './artifact.js';
import { taskCommand } from './task.js';
import { groupCommand } from './group.js';
import { signinCommand } from './signin.js';
import { replCommand } from './repl.js';
import { refsCommand } from './refs.js';
import { typesCommand } from './types.js';
import { completionCommand, completeCommand } from './completion.js';

export const COMMANDS: readonly Command[] = [
  servicesCommand,
  helpCommand,
  callCommand,
  urlCommand,
  signedUrlCommand,
  patternCommand,
  slugidCommand,
  fromNowCommand,
  tempCredsCommand,
  scopesMatchCommand,
  uploadCommand,
  downloadCommand,
  artifactCommand,
  taskCommand,
  groupCommand,
  signinCommand,
  replCommand,
  refsCommand,
  typesCommand,
  completionCommand,
  completeCommand(() => COMMANDS),
];
