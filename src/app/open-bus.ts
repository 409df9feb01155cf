import { AppError } from '../core/errors.js';
import { MemoryBus, type MemoryBusOptions } from '../adapters/memory/memory-bus.js';
import type { NatsBusOptions } from '../adapters/nats/nats-bus.js';
import type { Bus } from '../ports/bus.js';
import type { Config } from './config.js';

export type OpenBusOptions = NatsBusOptions & MemoryBusOptions;

/** Chooses the bus from its URL: `memory` (embedded default) or `nats://host:port[,nats://…]`. */
export async function openBus(url: string, opts: OpenBusOptions = {}): Promise<Bus> {
  if (url === 'memory') return new MemoryBus(opts);
  if (url.startsWith('nats://')) {
    // Loaded only when used, so that embedded mode never loads the NATS client.
    const { NatsBus } = await import('../adapters/nats/nats-bus.js');
    return NatsBus.connect(url, opts);
  }
  throw new AppError(500, 'invalid_config', `unknown bus URL "${url}": use memory or nats://host:port`);
}

/** The bus options that come from the environment (CHATSIGNAL_STREAM, _PARTITIONS, _STREAM_REPLICAS). */
export function busOptions(config: Pick<Config, 'stream' | 'partitions' | 'streamReplicas'>): OpenBusOptions {
  return { stream: config.stream, partitions: config.partitions, replicas: config.streamReplicas };
}
