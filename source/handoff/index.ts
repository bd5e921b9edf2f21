/** Getting a client secret out of the app safely: a 0600 file, the clipboard, a snippet. */
export {ENV_NAMES, destinationOf, type Destination, type EndpointsInput} from './facts.js';
export {
  SecretFileError,
  renderSecretFile,
  resolveSecretPath,
  slugify,
  suggestFreeSecretFileName,
  suggestSecretFileName,
  writeSecretFile,
  type SecretFileFormat,
  type SecretFileInput,
  type SecretFileProblem,
} from './secret-file.js';
export {
  DEFAULT_CLIPBOARD_TIMEOUT_MS,
  clipboardTools,
  copyToClipboard,
  osc52Sequence,
  type ClipboardMethod,
  type ClipboardOptions,
  type ClipboardResult,
} from './clipboard.js';
export {appSnippet, type AppSnippet, type AppSnippetInput} from './snippet.js';
