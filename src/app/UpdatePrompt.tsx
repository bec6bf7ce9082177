import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegisterSW } from 'virtual:pwa-register/react';
import { onClientOutdated } from '../sync/api';

/** Tells the user when a new version is waiting (or the server needs one) and applies it on request. */
export function UpdatePrompt() {
  const { t } = useTranslation();
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  const [outdated, setOutdated] = useState(false);
  useEffect(() => onClientOutdated(() => setOutdated(true)), []);

  if (!needRefresh && !outdated) return null;
  return (
    <div className="update-prompt" role="alert">
      <span>{outdated ? t('update.outdated') : t('update.available')}</span>
      <button type="button" onClick={() => (needRefresh ? void updateServiceWorker(true) : location.reload())}>
        {t('update.reload')}
      </button>
      <button type="button" className="secondary" onClick={() => (setNeedRefresh(false), setOutdated(false))}>
        {t('update.later')}
      </button>
    </div>
  );
}
