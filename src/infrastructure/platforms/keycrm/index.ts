// The only door into the KeyCRM adapter from outside this folder.
export { keycrmClientFor, keycrmPlatform } from './keycrmPlatform.js';
