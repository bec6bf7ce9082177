import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import i18n from '../i18n';
import { AppRoutes } from './App';

/**
 * The sign-in page as HTML, in the default language, for the build to put
 * into `login.html` (scripts/prerender-plugin.ts): a first visit on a slow
 * network sees the form before the app's JavaScript has arrived. It is the
 * app's own tree at /login, so main.tsx hydrates it instead of painting it
 * again; its button waits for that (LoginPage).
 */
export async function renderSignInPage(): Promise<string> {
  await i18n.changeLanguage('zh-CN');
  return renderToString(
    <StrictMode>
      <MemoryRouter initialEntries={['/login']}>
        <AppRoutes />
      </MemoryRouter>
    </StrictMode>,
  );
}
