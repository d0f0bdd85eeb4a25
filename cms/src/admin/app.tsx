// The admin panel is Switchboard's (issue 23 item 3): its home shows the plugins' widgets (setup readiness, open
// alerts, unread conversations, number health, today's windows) instead of Strapi's guided tour, content widgets and
// promotional banners, and the tab says Switchboard.

/** Our plugins' widgets (each registers its own in its admin `register`); Strapi's own are left out of the home. */
const SWITCHBOARD_WIDGETS = ['plugin::setup.readiness', 'plugin::alerts.open-alerts', 'plugin::messaging.unread', 'plugin::numbers.number-health', 'plugin::assignments.today'];
const uid = (w: { id: string; pluginId?: string }) => (w.pluginId ? `plugin::${w.pluginId}.${w.id}` : `global::${w.id}`);

/**
 * Strapi 5.54 keeps its guided tour and banners' dismissal in the browser's storage (there is no setting): the tour as
 * skipped (`enabled: false`), the Media Library announcement as dismissed — for this project's scope (`/admin/init`'s
 * uuid; `false` when the project has none) and before it is known (`undefined`).
 */
function dismissStrapiPromotions(scopes: Array<string | boolean | undefined>): void {
  try {
    const tour = JSON.parse(window.localStorage.getItem('STRAPI_GUIDED_TOUR') ?? 'null');
    if (!tour || tour.enabled !== false) window.localStorage.setItem('STRAPI_GUIDED_TOUR', JSON.stringify({ ...(tour ?? {}), enabled: false }));
    for (const scope of scopes) for (const legacy of [true, false]) window.localStorage.setItem(`STRAPI_MEDIA_LIBRARY_BANNER_DISMISSED_FOR_${legacy}:${scope}`, 'true');
  } catch {
    // Storage refused (a private window): the panel still works, with Strapi's notices.
  }
}

/** Strapi titles every page "<page> | Strapi"; ours say Switchboard. */
function retitle(): void {
  const fix = () => {
    if (/\| Strapi$/.test(document.title)) document.title = document.title.replace(/\| Strapi$/, '| Switchboard');
    else if (document.title === 'Strapi Admin' || document.title === 'Strapi') document.title = 'Switchboard';
  };
  fix();
  const head = document.querySelector('head');
  if (head) new MutationObserver(fix).observe(head, { subtree: true, childList: true, characterData: true });
}

export default {
  config: {
    locales: [],
    tutorials: false,
    notifications: { releases: false },
    // Strapi's lightest text grey (widget titles, hints) is 3.2:1 on white; this one is 4.8:1 (WCAG AA for small text).
    theme: { light: { colors: { neutral500: '#707091' } } },
    translations: {
      en: {
        'Auth.form.welcome.title': 'Welcome to Switchboard',
        'Auth.form.welcome.subtitle': 'Log in to your Switchboard account',
        'HomePage.header.subtitle': 'What needs attention today',
        'app.components.LeftMenu.navbrand.title': 'Switchboard',
        'app.components.LeftMenu.navbrand.workplace': 'Operations',
      },
    },
  },
  register(app: any) {
    app.widgets.register((widgets: Array<{ id: string; pluginId?: string }>) => SWITCHBOARD_WIDGETS.map((id) => widgets.find((w) => uid(w) === id)).filter(Boolean));
  },
  bootstrap() {
    dismissStrapiPromotions([false, undefined, 'undefined']);
    const backend = (window as any).strapi?.backendURL || window.location.origin;
    void fetch(`${backend}/admin/init`)
      .then((res) => res.json())
      .then((body) => dismissStrapiPromotions([body?.data?.uuid]))
      .catch(() => undefined);
    retitle();
  },
};
