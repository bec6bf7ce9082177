import './domain/zod-config';
import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import i18n, { languageReady } from './i18n';
import './app/app.css';
import { App } from './app/App';
import { openAhead } from './app/DataProvider';
import { getSession } from './sync/session';

// A signed-in device (a kiosk tablet above all) opens its database while the first screen renders.
const session = getSession();
if (session) openAhead(session);

const root = document.getElementById('root')!;
const app = (
  <StrictMode>
    <App />
  </StrictMode>
);
// Renders once the device's language is loaded (at once in Chinese; English is its own chunk).
void languageReady.then(() => {
  // login.html holds the sign-in form prerendered in Chinese (docs/adr/0005): the app takes it
  // over as it is when it would render the same; otherwise it renders afresh.
  const prerendered = root.querySelector('form.login-form') !== null && location.pathname === '/login' && !session && i18n.language === 'zh-CN';
  if (prerendered) hydrateRoot(root, app);
  else createRoot(root).render(app);
});
