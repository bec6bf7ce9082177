import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { useMe } from './data';

/**
 * Shows whose shifts and leave these are, and lets the user pick themselves
 * when the app cannot tell (the choice is kept on this device only).
 */
export function WhoAmI({ me }: { me: ReturnType<typeof useMe> }) {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  const [choice, setChoice] = useState('');
  const person = me.candidates.find((s) => s.id === me.staffId);

  if (person && !picking) {
    return (
      <p className="roster-whoami" data-testid="whoami" data-staff-id={person.id}>
        {t('roster.me.who', { name: person.name, no: person.staffNo })}{' '}
        {me.source !== 'session' && (
          <button type="button" className="link" onClick={() => setPicking(true)}>
            {t('roster.me.change')}
          </button>
        )}
      </p>
    );
  }
  return (
    <form
      className="roster-whoami-pick"
      onSubmit={(e) => {
        e.preventDefault();
        if (!choice) return;
        me.choose(choice);
        setPicking(false);
      }}
    >
      <p>{t('roster.me.chooseHint')}</p>
      <label className="field">
        <span>{t('roster.me.choose')}</span>
        <select value={choice} onChange={(e) => setChoice(e.target.value)} required>
          <option value="">{t('roster.me.placeholder')}</option>
          {me.candidates.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name} {s.staffNo}
            </option>
          ))}
        </select>
      </label>
      <div className="toolbar">
        <button type="submit">{t('common.confirm')}</button>
        {picking && (
          <button type="button" className="secondary" onClick={() => setPicking(false)}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
