import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../../app/LanguageSelect';
import { deviceId, useSession } from '../../sync/session';

export default function SettingsPage() {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <section>
      <h1>{t('settings.title')}</h1>
      <dl className="facts">
        <dt>{t('settings.user')}</dt>
        <dd>
          {session?.user.displayName} ({session?.user.username})
        </dd>
        <dt>{t('settings.device')}</dt>
        <dd>
          <code>{deviceId()}</code>
        </dd>
      </dl>
      <LanguageSelect />
    </section>
  );
}
