export {
  aggregateRemote,
  remoteTableName,
  type RemoteAggregation,
  type RemoteOptions,
  type RemoteSource,
} from './aggregate-remote.js';
export { RemoteEngine, isRemoteEngine, openRemote, redactUrl, type RemoteClient } from './remote-client.js';
