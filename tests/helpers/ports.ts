export { freePort } from '../../hub/free-port';
