import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Policy } from '../../domain/policy';
import { applyPolicyOverrides, type PolicyOverrides } from '../../domain/schemas/organisation';
import type { Site } from '../../domain/schemas/site';
import { policyFormOf, policyKey, policyOverridesOf, SITE_POLICY_FIELDS, type Errors } from './site-form';
import { errorText } from './shared';

interface Props {
  site: Site;
  orgPolicy: Policy;
  canEdit: boolean;
  onSave(overrides: PolicyOverrides | undefined): Promise<void>;
}

const GROUPS = [...new Set(SITE_POLICY_FIELDS.map((f) => f.path[0]))];

/** The site's policy overrides, each beside the organisation's default and the value in force. */
export function PolicyEditor({ site, orgPolicy, canEdit, onSave }: Props) {
  const { t } = useTranslation();
  const idBase = useId();
  const initial = useMemo(() => policyFormOf(site.policyOverrides), [site.policyOverrides]);
  const [form, setForm] = useState<Record<string, string>>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(form) !== JSON.stringify(initial);
  const preview = useMemo(() => policyOverridesOf(form, site.policyOverrides, orgPolicy), [form, site.policyOverrides, orgPolicy]);
  const effective = applyPolicyOverrides(orgPolicy, preview.ok ? preview.overrides : site.policyOverrides);

  const save = async () => {
    const result = policyOverridesOf(form, site.policyOverrides, orgPolicy);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await onSave(result.overrides);
    } finally {
      setSaving(false);
    }
  };

  const valueOf = (p: Policy, [group, field]: readonly [string, string]) => (p as unknown as Record<string, Record<string, number>>)[group]![field]!;

  return (
    <section aria-labelledby="policy-title" className="site-section">
      <div className="section-head">
        <h2 id="policy-title">{t('sites.policy.title')}</h2>
        {dirty && <span className="badge warn">{t('sites.unsaved')}</span>}
      </div>
      <p className="hint">{t('sites.policy.intro')}</p>
      {Object.keys(errors).length > 0 && (
        <p role="alert" className="error">
          {t('sites.errorsSummary')}
        </p>
      )}
      <table className="data policy-table">
        <thead>
          <tr>
            <th scope="col">{t('sites.policy.setting')}</th>
            <th scope="col">{t('sites.policy.orgDefault')}</th>
            <th scope="col">{t('sites.policy.siteValue')}</th>
            <th scope="col">{t('sites.policy.effective')}</th>
          </tr>
        </thead>
        {GROUPS.map((group) => (
          <tbody key={group}>
            <tr className="group-row">
              <th scope="colgroup" colSpan={4}>
                {t(`sites.policy.${group}.title`)}
              </th>
            </tr>
            {SITE_POLICY_FIELDS.filter((f) => f.path[0] === group).map(({ path, unit }) => {
              const key = policyKey(path);
              const id = `${idBase}-${key}`;
              const error = errors[key];
              const label = t(`sites.policy.${key}`);
              const overridden = form[key] !== '';
              return (
                <tr key={key} data-testid="policy-row" data-key={key} className={overridden ? 'overridden' : undefined}>
                  <th scope="row">
                    <label htmlFor={id}>{label}</label>
                  </th>
                  <td data-testid="policy-default">{t(`sites.policy.unit.${unit}`, { value: valueOf(orgPolicy, path) })}</td>
                  <td>
                    <div className="policy-input">
                      <input
                        id={id}
                        type="number"
                        inputMode="decimal"
                        step="any"
                        min={0}
                        value={form[key] ?? ''}
                        placeholder={String(valueOf(orgPolicy, path))}
                        disabled={!canEdit}
                        aria-invalid={!!error}
                        aria-describedby={error ? `${id}-error` : undefined}
                        onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))}
                      />
                      {canEdit && overridden && (
                        <button
                          type="button"
                          className="secondary"
                          aria-label={t('sites.policy.clearLabel', { field: label })}
                          onClick={() => setForm((f) => ({ ...f, [key]: '' }))}
                        >
                          {t('sites.policy.clear')}
                        </button>
                      )}
                    </div>
                    {error && (
                      <span className="field-error" id={`${id}-error`}>
                        {errorText(t, error)}
                      </span>
                    )}
                  </td>
                  <td data-testid="policy-effective">{t(`sites.policy.unit.${unit}`, { value: valueOf(effective, path) })}</td>
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
      {canEdit && (
        <div className="toolbar">
          <button type="button" disabled={saving || !dirty} onClick={() => void save()} data-testid="save-policy">
            {t('sites.policy.save')}
          </button>
        </div>
      )}
    </section>
  );
}
