import { renderToStaticMarkup } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import i18n from '../i18n';
import { LoginPage } from './LoginPage';

/**
 * The sign-in page as static HTML, in the default language, for the build to
 * put into `login.html` (scripts/prerender-plugin.ts): a first visit on a slow
 * network sees the form before the app's JavaScript has arrived. It is what
 * `App` renders at /login (the update prompt renders nothing there), but its
 * button waits for the app: main.tsx renders over it, keeping whatever was
 * typed meanwhile (LoginPage).
 */
export async function renderSignInPage(): Promise<string> {
  await i18n.changeLanguage('zh-CN');
  return renderToStaticMarkup(
    <MemoryRouter initialEntries={['/login']}>
      <LoginPage prerendered />
    </MemoryRouter>,
  );
}
