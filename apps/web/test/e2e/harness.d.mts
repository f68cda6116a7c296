import type { Browser } from 'playwright-core';

export declare const repoRoot: string;
export declare const serverEntry: string;
export declare const CHROMIUM: string;
export declare const haveChromium: boolean;
export declare const CHROMIUM_ARGS: string[];
export declare function launchChromium(extraArgs?: string[]): Promise<Browser>;

export interface BuiltServer {
  url: string;
  stop(): Promise<void>;
  log(): string;
}
export declare function startBuiltServer(env?: Record<string, string>): Promise<BuiltServer>;
export declare function freePort(): Promise<number>;
