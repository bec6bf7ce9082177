import './domain/zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './app/app.css';
import { App } from './app/App';
import { openAhead } from './app/DataProvider';
import { getSession } from './sync/session';

// A signed-in device (a kiosk tablet above all) opens its database while the first screen renders.
const session = getSession();
if (session) openAhead(session);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
