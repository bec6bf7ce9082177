import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Outlet, Route, Routes } from 'react-router';
import { KioskPage } from '../features/kiosk/KioskPage';
import { useSession } from '../sync/session';
import { featuresFor } from './features';
import { DataProvider } from './DataProvider';
import { HomePage } from './HomePage';
import { Layout } from './Layout';
import { LoginPage } from './LoginPage';
import { NotFound } from './NotFound';
import { UpdatePrompt } from './UpdatePrompt';

// Feature screens other than the kiosk (the first screen) load on demand.
const SettingsPage = lazy(() => import('../features/settings/SettingsPage'));

function SignedIn() {
  const session = useSession();
  if (!session) return <Navigate to="/login" replace />;
  return (
    <DataProvider session={session}>
      <Outlet />
    </DataProvider>
  );
}

/** Mounts the screens of the features the signed-in role may use; anything else is not found. */
function FeatureRoutes() {
  const session = useSession();
  const allowed = session ? featuresFor(session.user.role) : [];
  return (
    <Routes>
      {allowed.map((f) => (
        <Route key={f.id} path={`${f.path}/*`} element={<f.component />} />
      ))}
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  );
}

/** The app under any router: the browser's, or a memory router when the build prerenders /login (prerender.tsx). */
export function AppRoutes() {
  const { t } = useTranslation();
  return (
    <>
      <UpdatePrompt />
      <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route element={<SignedIn />}>
            <Route element={<Layout />}>
              <Route index element={<HomePage />} />
              <Route path="kiosk/:siteId" element={<KioskPage />} />
              <Route path="settings" element={<SettingsPage />} />
              <Route path="*" element={<FeatureRoutes />} />
            </Route>
          </Route>
        </Routes>
      </Suspense>
    </>
  );
}
