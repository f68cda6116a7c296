import type { NextFunction, Request, Response } from 'express';
import { IpRateLimiter } from './ip-rate-limiter.js';
import { SeenOnce } from './seen-once.js';

/**
 * Wrong guesses per address: a refused bearer token (401/403 to a request that carried one) or an
 * unknown game code (404). Enough for typos and stale tokens, far too few to find a token or a code.
 */
const WRONG_GUESSES = { perMinute: 20, burst: 60 };
/** Once an address has used them up, each failing answer to it waits this long... */
export const SLOW_FAILURE_MS = 2000;
/** ...and it may have at most this many guesses waiting; more are refused with 429 at once. */
const MAX_SLOWED_PER_ADDRESS = 4;

/** A game by id or join code: `GET /api/games/{code}`, `POST /api/games/{code}/players`. */
const isGameLookup = (req: Request) => /^\/api\/games\/[^/]+(\/players)?\/?$/i.test(req.path);
/** A player took a seat (`POST /api/games/{code}/players` answered 201). */
const joined = (req: Request, res: Response) =>
  req.method === 'POST' && res.statusCode === 201 && /\/players\/?$/i.test(req.path);
/** What a right guess was: the address, the path (a code or id) and the token. */
const guessKey = (ip: string, req: Request) =>
  `${ip} ${req.method} ${req.path.toLowerCase()} ${req.headers.authorization ?? ''}`;
const failed = (req: Request, res: Response, bearer: boolean) =>
  (bearer && (res.statusCode === 401 || res.statusCode === 403)) || (isGameLookup(req) && res.statusCode === 404);

/**
 * Guessing tokens or join codes. An address that keeps guessing wrong is slowed, not locked out:
 * its right codes and tokens still answer at once (a venue where every phone shares one address
 * goes on playing), while each of its failing answers waits SLOW_FAILURE_MS, at most
 * MAX_SLOWED_PER_ADDRESS at a time (beyond that 429 `rate_limited` at once): a guesser gets a
 * handful of guesses a few seconds instead of thousands a second.
 */
export function wrongGuessGuard(addressOf: (req: Request) => string, slowMs = SLOW_FAILURE_MS) {
  const wrong = new IpRateLimiter(WRONG_GUESSES.perMinute, WRONG_GUESSES.burst);
  const right = new SeenOnce(100_000);
  const slowed = new Map<string, number>();

  return (req: Request, res: Response, next: NextFunction) => {
    const isApi = /^\/api\//i.test(req.path);
    const bearer = isApi && req.headers.authorization !== undefined;
    if (!bearer && !isGameLookup(req)) return next();
    const ip = addressOf(req);
    const slow = wrong.isExhausted(ip);
    if (slow) {
      const waiting = slowed.get(ip) ?? 0;
      if (waiting >= MAX_SLOWED_PER_ADDRESS) {
        res.setHeader('Retry-After', String(wrong.retryAfterSeconds));
        res.status(429).json({
          error: { code: 'rate_limited', message: 'too many wrong tokens or codes from this address; try again later' },
        });
        return;
      }
      slowed.set(ip, waiting + 1);
      res.once('close', () => {
        const left = (slowed.get(ip) ?? 1) - 1;
        if (left > 0) slowed.set(ip, left);
        else slowed.delete(ip);
      });
      // A failing answer is held back; a right one goes at once.
      const end = res.end.bind(res) as (...args: unknown[]) => Response;
      res.end = ((...args: unknown[]) => {
        if (!failed(req, res, bearer)) return end(...args);
        setTimeout(() => end(...args), slowMs).unref();
        return res;
      }) as Response['end'];
    }
    res.on('finish', () => {
      if (failed(req, res, bearer)) wrong.take(ip);
      // A right guess gives one back: at a quiz night every phone shares one address, and the
      // phones that join keep the room's allowance for the few that mistyped. Each join (a seat
      // taken: a game holds six) gives one; any other right code or token once only, so one's own
      // game looked up again and again buys no guesses.
      else if (res.statusCode < 300 && (joined(req, res) || right.first(guessKey(ip, req)))) wrong.give(ip);
    });
    next();
  };
}
