import { computed, getCurrentScope, onScopeDispose, type Ref, ref, watch } from 'vue';
import { type Locale, type MessageKey, messages } from '../lib/messages';

const STORAGE_KEY = 'slimste:lang';

/** A language tag ('nl', 'nl-BE', 'EN') as one of ours, or null. */
export function toLocale(lang: string | null | undefined): Locale | null {
  const base = lang?.trim().toLowerCase().slice(0, 2);
  return base === 'nl' || base === 'en' ? base : null;
}

/** What this device chose with the language button (remembered), or null when it never chose. */
function storedChoice(): Locale | null {
  if (typeof localStorage === 'undefined') return null;
  try {
    return toLocale(localStorage.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}

function browserLocale(): Locale {
  if (typeof navigator === 'undefined') return 'nl';
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const lang of langs) {
    const locale = toLocale(lang);
    if (locale) return locale;
  }
  return 'en';
}

/**
 * One locale for the whole app, shared by every component. Who decides, first to last: this
 * device's own choice (the language button), the language of the game on screen (its question
 * set's), the browser's languages.
 */
const deviceChoice = ref<Locale | null>(storedChoice());
const gameLanguage = ref<Locale | null>(null);
const fallback = ref<Locale>(browserLocale());
const locale = computed<Locale>(() => deviceChoice.value ?? gameLanguage.value ?? fallback.value);

if (typeof document !== 'undefined') {
  watch(
    locale,
    (lang) => {
      document.documentElement.lang = lang;
    },
    { immediate: true, flush: 'sync' },
  );
}

/** This device chooses a language: it wins over the game's from now on (and is remembered). */
export function setLocale(next: Locale) {
  deviceChoice.value = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // private mode without storage: the choice holds for this page
  }
}

/** Forgets this device's choice: the game's language (or the browser's) speaks again. */
export function clearLocaleChoice() {
  deviceChoice.value = null;
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
}

/**
 * The language of the game on this page (its question set's): it speaks unless this device chose
 * one with the language button. Languages other than Dutch and English leave the locale as it is.
 */
export function followGameLanguage(language: string | null | undefined) {
  const next = toLocale(language);
  if (next) gameLanguage.value = next;
}

/**
 * A page of a game speaks the game's language unless this device chose another: call it with the
 * game's `language` (e.g. `() => view.value?.language`) from the page's setup. When the page goes,
 * the game's language goes with it.
 */
export function useGameLanguage(language: Ref<string | null | undefined> | (() => string | null | undefined)) {
  watch(language, followGameLanguage, { immediate: true });
  if (getCurrentScope()) onScopeDispose(() => (gameLanguage.value = null));
}

export function translate(key: MessageKey, params: Record<string, string | number> = {}, lang = locale.value): string {
  const template = messages[lang][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function useI18n() {
  return {
    locale,
    /** True when this device chose its language itself (rather than following the game or browser). */
    chosen: computed(() => deviceChoice.value !== null),
    t: (key: MessageKey, params?: Record<string, string | number>) => translate(key, params, locale.value),
    setLocale,
    toggle: () => setLocale(locale.value === 'nl' ? 'en' : 'nl'),
  };
}
