import type { Page } from 'playwright-core';

export interface PageCheckOptions {
  /** `true`: always run axe-core; `false`: never; `'changed'` (default): once per look of the page. */
  axe?: boolean | 'changed';
  /** Console errors this step expects (e.g. a 404 asked for on purpose). */
  allowConsole?: RegExp[];
}

/** Pixels of slack for sub-pixel layout. */
export declare const SLACK: number;
/** Starts collecting the page's console errors and uncaught exceptions (once, before its first goto). */
export declare function watchPage(page: Page): void;
/** Every problem of the page as it is now (empty: all is well); reports and clears the collected errors. */
export declare function pageProblems(page: Page, options?: PageCheckOptions): Promise<string[]>;
/** Throws, naming the step and the address, when the page has any problem. */
export declare function expectPageClean(page: Page, step: string, options?: PageCheckOptions): Promise<void>;
/** `expectPageClean` on several pages, by label; one error listing them all. */
export declare function expectPagesClean(
  pages: Record<string, Page>,
  step: string,
  options?: PageCheckOptions,
): Promise<void>;
