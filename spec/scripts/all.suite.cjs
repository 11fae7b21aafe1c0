// This folder's spec files, run by Jest as one file: see ../support/suite.cjs.
require('../support/suite.cjs').suite(__dirname, require);
