import { describeTwoInstances } from './support/scaleout';

describe('two instances sharing rooms through @socket.io/postgres-adapter', () => {
  describeTwoInstances({ SOCKET_ADAPTER: 'postgres' });
});
