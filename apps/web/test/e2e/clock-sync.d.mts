import type { Browser, BrowserContext, Page } from 'playwright-core';

export declare const PLAYER_NAMES: string[];

export interface RunningClock {
  playerId: string;
  startedAt: number;
  msAtStart: number;
}
export interface CreatedGame {
  id: string;
  code: string;
  hostToken: string;
  players: { name: string; playerId: string; token: string }[];
}
export interface Device {
  label: string;
  skewMs: number;
  context: BrowserContext;
  page: Page;
}
export interface ClockRead {
  readTrue: number;
  frameTrue: number;
  ms: number | null;
  seconds: number | null;
}
export interface Sample {
  at: number;
  trueRemaining: number;
  reads: ClockRead[];
}
export interface SampleRow {
  atInstant: number[];
  onScreen: number[];
  staleness: number[];
  spreadAtInstant: number;
  spreadOnScreen: number;
  seconds: (number | null)[];
  expectedSeconds: number;
  sameSeconds: boolean;
  errors: number[];
}
export interface DeviceFigures {
  label: string;
  skewMs: number;
  errorMs: number;
  offsetMs: number;
  worstStalenessMs: number;
}
export interface ClockSyncSummary {
  samples: number;
  overMs: number;
  medianSpreadMs: number;
  worstSpreadMs: number;
  medianOnScreenSpreadMs: number;
  worstOnScreenSpreadMs: number;
  sameSecondsSamples: number;
  rows: SampleRow[];
  perDevice: DeviceFigures[];
}
export interface SampleOptions {
  count?: number;
  leadMs?: number;
}
export interface MeasureOptions extends SampleOptions {
  beforeSampling?: (devices: Device[]) => Promise<void>;
}

export declare function installClockProbe(skewMs: number): void;
export declare function createGame(serverUrl: string): Promise<CreatedGame>;
export declare function runFirstClock(serverUrl: string, game: CreatedGame): Promise<RunningClock>;
export declare function openDevices(
  browser: Browser,
  serverUrl: string,
  game: CreatedGame,
  skews: Record<string, number>,
): Promise<Device[]>;
export declare function sampleClocks(
  devices: Device[],
  clock: RunningClock,
  options?: SampleOptions,
): Promise<Sample[]>;
export declare function summarize(devices: Device[], samples: Sample[]): ClockSyncSummary;
export declare function measureClockSync(
  browser: Browser,
  serverUrl: string,
  skews: Record<string, number>,
  options?: MeasureOptions,
): Promise<{ clock: RunningClock; summary: ClockSyncSummary }>;
export declare function formatSummary(title: string, summary: ClockSyncSummary): string;
