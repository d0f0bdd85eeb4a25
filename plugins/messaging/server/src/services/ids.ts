import os from 'node:os';
import { loadEnv, systemClock } from '@switchboard/config';
import { createSnowflakeGenerator, nodeIdFromString } from '../domain/snowflake';

/** The one id generator of this process: snowflakes, node id from NODE_ID or this host and process. */
const ids = () => {
  const nodeId = loadEnv().NODE_ID ?? nodeIdFromString(`${os.hostname()}:${process.pid}`);
  const generator = createSnowflakeGenerator({ nodeId, now: () => systemClock.now().getTime() });
  return { next: (): string => generator.next(), nodeId };
};

export type IdsService = ReturnType<typeof ids>;
export default ids;
