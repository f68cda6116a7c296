import { computed, type Ref, ref, watch } from 'vue';
import { type Locale, type MessageKey, messages } from '../lib/messages';

const STORAGE_KEY = 'slimste:lang';

const asLocale = (lang: string | null | undefined): Locale | null => {
  const base = lang?.toLowerCase().slice(0, 2);
  return base === 'nl' || base === 'en' ? base : null;
};

/** The language this device chose with the language button (kept), or null: then the game's language leads. */
function deviceChoice(): Locale | null {
  if (typeof window === 'undefined') return null;
  try {
    return asLocale(localStorage.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}

function browserLocale(): Locale {
  if (typeof navigator === 'undefined') return 'nl';
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const lang of langs) {
    const found = asLocale(lang);
    if (found) return found;
  }
  return 'en';
}

// One locale for the whole app, shared by every component.
const locale = ref<Locale>(deviceChoice() ?? browserLocale());

/** `lang` on the page, so the browser hyphenates and reads out in the language shown. */
function markDocument(lang: Locale) {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}
markDocument(locale.value);

/** The device's own choice: kept, and it wins over the game's language from now on. */
export function setLocale(next: Locale) {
  locale.value = next;
  localStorage.setItem(STORAGE_KEY, next);
  markDocument(next);
}

/**
 * A page of a game speaks the game's language (its question set's), unless this device chose one
 * with the language button. Languages other than Dutch and English leave the locale as it is.
 */
export function followGameLanguage(language: string | null | undefined) {
  const lang = asLocale(language);
  if (!lang || deviceChoice()) return;
  locale.value = lang;
  markDocument(lang);
}

/** Follows the language of the game on this page as its state arrives (see `followGameLanguage`). */
export function useGameLanguage(language: Ref<string | null | undefined> | (() => string | null | undefined)) {
  watch(language, (lang) => followGameLanguage(lang), { immediate: true });
}

export function translate(key: MessageKey, params: Record<string, string | number> = {}, lang = locale.value): string {
  const template = messages[lang][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function useI18n() {
  return {
    locale: computed(() => locale.value),
    t: (key: MessageKey, params?: Record<string, string | number>) => translate(key, params, locale.value),
    setLocale,
    toggle: () => setLocale(locale.value === 'nl' ? 'en' : 'nl'),
  };
}
