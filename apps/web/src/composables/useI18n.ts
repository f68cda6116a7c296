import { computed, ref } from 'vue';
import { type Locale, type MessageKey, messages } from '../lib/messages';

const STORAGE_KEY = 'slimste:lang';

function initialLocale(): Locale {
  if (typeof window === 'undefined') return 'nl';
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'nl' || stored === 'en') return stored;
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const lang of langs) {
    const base = lang?.toLowerCase().slice(0, 2);
    if (base === 'nl' || base === 'en') return base;
  }
  return 'en';
}

// One locale for the whole app, shared by every component.
const locale = ref<Locale>(initialLocale());

export function setLocale(next: Locale) {
  locale.value = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
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
