// Start-up work that must happen before the app serves: returns lines to print for the person starting it.
import type { Config } from '@/lib/config';

export async function prepareApp(config: Config): Promise<string[]> {
  void config;
  return [];
}
