import { computed, type Ref, shallowRef } from 'vue';
import { api } from '../lib/api';
import type { JoinAddress } from '../lib/types';

let asked: Promise<JoinAddress | null> | null = null;

/**
 * The address phones open to join, from the server (which knows PUBLIC_URL and its own network
 * addresses): never `localhost` when the console was opened there. Until it answers (or if it
 * cannot), the page's own address.
 */
export function useJoinAddress(code: () => string | null | undefined) {
  const address = shallowRef<JoinAddress | null>(null);
  asked ??= api.joinAddress().catch(() => null);
  void asked.then((a) => (address.value = a));
  const origin = computed(() => address.value?.origin ?? location.origin);
  const url = computed(() => {
    const c = code();
    return c ? `${origin.value}/join/${encodeURIComponent(c)}` : null;
  });
  /** The address to type, without `http://` (what a person reads off the TV). */
  const typed = computed(() => origin.value.replace(/^https?:\/\//, ''));
  /** False when no phone could open the link (it names this computer only). */
  const reachable = computed(() => address.value?.reachable ?? !/^(localhost|127\.|\[::1\])/.test(location.hostname));
  return { address: address as Ref<JoinAddress | null>, origin, url, typed, reachable };
}

/** For tests: forget the answer, so the next page asks again. */
export function resetJoinAddress() {
  asked = null;
}
