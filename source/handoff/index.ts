/** Getting a client secret out of the app safely: a 0600 file, the clipboard, a snippet. */
export {ENV_NAMES} from './facts.js';
export {
  SecretFileError,
  renderSecretFile,
  suggestFreeSecretFileName,
  suggestSecretFileName,
  writeSecretFile,
  type SecretFileFormat,
  type SecretFileInput,
} from './secret-file.js';
export {clipboardTools, copyToClipboard, osc52Sequence} from './clipboard.js';
export {appSnippet} from './snippet.js';
export {suggestFreeScriptFileName, writeScriptFile} from './script-file.js';
