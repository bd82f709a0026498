import type { z } from 'zod';
import type { Channel, ChannelMap } from '../../preload/contract';

/** One channel's validated entry point: the schema guards `handle`, which sees trusted data only. */
export interface Handler<C extends Channel> {
  schema: z.ZodType<ChannelMap[C]['req']>;
  handle(req: ChannelMap[C]['req']): Promise<ChannelMap[C]['res']> | ChannelMap[C]['res'];
}

/** Every channel of the contract, each with its handler; a missing channel fails to compile. */
export type HandlerMap = { [C in Channel]: Handler<C> };
