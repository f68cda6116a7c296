import { createInertiaApp } from '@inertiajs/vue3';
import { createApp, type DefineComponent, h } from 'vue';
import './styles.css';

// Each page is its own chunk: a phone on /play loads the player page, not the editor.
const pages = import.meta.glob<DefineComponent>('./pages/*.vue');

const el = document.getElementById('app');
// The server puts the page object in `data-page` on the mount element.
const initial = el?.dataset.page ? JSON.parse(el.dataset.page) : undefined;

void createInertiaApp({
  id: 'app',
  page: initial,
  progress: false,
  title: (title) => (title ? `${title} · De Slimste Mens` : 'De Slimste Mens'),
  resolve: async (name) => {
    const load = pages[`./pages/${name}.vue`];
    if (!load) throw new Error(`Unknown page: ${name}`);
    return load();
  },
  setup({ el, App, props, plugin }) {
    createApp({ render: () => h(App, props) })
      .use(plugin)
      .mount(el!);
  },
});
