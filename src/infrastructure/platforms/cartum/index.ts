// The only door into the Cartum (Horoshop) adapter from outside this folder.
export { cartumClientFor, cartumPlatform } from './cartumPlatform.js';
