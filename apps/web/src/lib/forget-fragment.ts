import { router } from '@inertiajs/vue3';

/** Whether the address bar carries a `#token=` (a console transfer or a set's share link). */
export const hasTokenFragment = () => new URLSearchParams(location.hash.replace(/^#/, '')).has('token');

/**
 * Takes the fragment out of the address bar through Inertia: it keeps the hash in its own page
 * record and writes it back when the first page settles, so a bare history.replaceState does not last.
 */
export function forgetFragment() {
  router.replace({ url: location.pathname + location.search, preserveState: true, preserveScroll: true });
}
