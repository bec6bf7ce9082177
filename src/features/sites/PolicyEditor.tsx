import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Policy } from '../../domain/policy';
import { applyPolicyOverrides, type PolicyOverrides } from '../../domain/schemas/organisation';
import type { Site } from '../../domain/schemas/site';
import { policyFormOf, policyKey, policyOverridesOf, SITE_POLICY_FIELDS } from './site-form';
import { EditorSection, FieldErrorText, invalidProps, SaveBar, useSectionForm } from './section-editor';

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
  const policy = useSectionForm(
    initial,
    (form) => policyOverridesOf(form, site.policyOverrides, orgPolicy),
    (valid) => onSave(valid.overrides),
  );
  const { value: form, setValue: setForm, errors } = policy;
  const preview = useMemo(() => policyOverridesOf(form, site.policyOverrides, orgPolicy), [form, site.policyOverrides, orgPolicy]);
  const effective = applyPolicyOverrides(orgPolicy, preview.ok ? preview.overrides : site.policyOverrides);

  const valueOf = (p: Policy, [group, field]: readonly [string, string]) => (p as unknown as Record<string, Record<string, number>>)[group]![field]!;

  return (
    <EditorSection id="policy" title={t('sites.policy.title')} hint={t('sites.policy.intro')} form={policy}>
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
                        {...invalidProps(error, `${id}-error`)}
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
                    <FieldErrorText error={error} id={`${id}-error`} />
                  </td>
                  <td data-testid="policy-effective">{t(`sites.policy.unit.${unit}`, { value: valueOf(effective, path) })}</td>
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
      {canEdit && <SaveBar form={policy} saveLabel={t('sites.policy.save')} saveTestId="save-policy" />}
    </EditorSection>
  );
}
