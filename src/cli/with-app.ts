import { loadConfig, type Config } from '../app/config.js';
import { createApp, type App, type AppOverrides } from '../app/container.js';
import type { Io } from './command.js';

/** Builds the app from the environment (plus overrides), runs `fn`, always closes. */
export async function withApp<T>(
  io: Io,
  fn: (app: App) => Promise<T>,
  configure: (c: Config) => Config = (c) => c,
  overrides: AppOverrides = {},
): Promise<T> {
  const app = await createApp(configure(loadConfig(io.env)), overrides);
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}
