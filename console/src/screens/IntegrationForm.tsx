import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, must, type Schemas } from '../api/client';
import { useTexts } from '../i18n/texts';
import { ProblemNote } from '../ui/ProblemNote';

/** What each platform takes as credentials, as the API's own document says (x-platforms of the connect body). */
interface PlatformCredentials {
  title: string;
  oneOf: string[][];
  optional: string[];
}

function usePlatforms() {
  return useQuery({
    queryKey: ['openapi', 'platforms'],
    staleTime: Infinity,
    queryFn: async () => {
      const document = (await must(api.GET('/openapi.json'))) as {
        components: { schemas: { ConnectIntegrationBody: { properties: { credentials: { 'x-platforms': Record<string, PlatformCredentials> } } } } };
      };
      return document.components.schemas.ConnectIntegrationBody.properties.credentials['x-platforms'];
    },
  });
}

const statusMapText = (map: Schemas['Integration']['statusMap']) => (map ?? []).map((m) => `${m.platform}=${m.local}`).join('\n');
const statusMapOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [platform, ...local] = line.split('=');
      return { platform: platform.trim(), local: local.join('=').trim() };
    });

/** Connect a store, or edit one: credentials are write-only, sent only when typed, never shown. */
export function IntegrationForm({ integration, onDone }: { integration?: Schemas['Integration']; onDone(): void }) {
  const texts = useTexts();
  const queries = useQueryClient();
  const platforms = usePlatforms();
  const [platform, setPlatform] = useState(integration?.platform ?? '');
  const [fields, setFields] = useState({
    name: integration?.name ?? '',
    storeName: integration?.storeName ?? '',
    baseUrl: integration?.baseUrl ?? '',
    currency: integration?.currency ?? 'UAH',
    statusMap: statusMapText(integration?.statusMap),
    firstImportDays: '',
    defaultContactId: '',
  });
  const [setIndex, setSetIndex] = useState(0);
  const [credentials, setCredentials] = useState<Record<string, string>>({});
  const chosen = platforms.data?.[platform || Object.keys(platforms.data ?? {})[0]];
  const set = chosen?.oneOf[setIndex] ?? chosen?.oneOf[0] ?? [];
  const save = useMutation({
    mutationFn: async () => {
      const typed = Object.fromEntries(Object.entries(credentials).filter(([field, value]) => value !== '' && (set.includes(field) || chosen?.optional.includes(field))));
      const settings = {
        name: fields.name,
        storeName: fields.storeName,
        baseUrl: fields.baseUrl,
        currency: fields.currency,
        statusMap: statusMapOf(fields.statusMap),
        ...(fields.firstImportDays ? { firstImportDays: Number(fields.firstImportDays) } : {}),
        ...(fields.defaultContactId ? { defaultContactId: fields.defaultContactId } : {}),
      };
      if (integration) {
        return must(api.PATCH('/v1/integrations/{id}', { params: { path: { id: integration.id! } }, body: { ...settings, ...(Object.keys(typed).length ? { credentials: typed } : {}) } }));
      }
      const name = (platform || Object.keys(platforms.data ?? {})[0]) as Schemas['ConnectIntegrationBody']['platform'];
      return must(api.POST('/v1/integrations', { body: { ...settings, platform: name, credentials: typed } }));
    },
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['integrations'] });
      onDone();
    },
  });
  const field = (key: keyof typeof fields, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <label>
      {label}
      <input name={key} value={fields[key]} onChange={(e) => setFields({ ...fields, [key]: e.target.value })} {...props} />
    </label>
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="integration-form-title">
      <h2 id="integration-form-title">{integration ? texts.form.editTitle(integration.name ?? '') : texts.form.connectTitle}</h2>
      <div className="grid">
        {field('name', texts.form.name, { required: true })}
        <label>
          {texts.form.platform}
          <select name="platform" value={platform || Object.keys(platforms.data ?? {})[0] || ''} disabled={!!integration} onChange={(e) => (setPlatform(e.target.value), setSetIndex(0))}>
            {Object.entries(platforms.data ?? {}).map(([name, p]) => (
              <option key={name} value={name}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        {field('storeName', texts.form.storeName, { required: true })}
        {field('baseUrl', texts.form.baseUrl, { required: true, type: 'url' })}
        {field('currency', texts.form.currency, { required: true, pattern: '[A-Z]{3}', maxLength: 3 })}
        {field('firstImportDays', texts.form.firstImportDays, { type: 'number', min: 1, max: 3650 })}
        {integration && field('defaultContactId', texts.form.defaultContactId)}
      </div>
      <fieldset>
        <legend>{texts.form.credentials}</legend>
        {integration && <p className="muted">{texts.form.credentialsWriteOnly}</p>}
        {chosen && chosen.oneOf.length > 1 && (
          <label>
            {texts.form.credentialSet}
            <select value={setIndex} onChange={(e) => setSetIndex(Number(e.target.value))}>
              {chosen.oneOf.map((s, index) => (
                <option key={s.join()} value={index}>
                  {s.join(' + ')}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="grid">
          {[...set, ...(chosen?.optional ?? [])].map((name) => (
            <label key={name}>
              {name}
              {chosen?.optional.includes(name) ? ` (${texts.form.optional})` : ''}
              <input
                type="password"
                name={`credentials.${name}`}
                autoComplete="off"
                required={!integration && set.includes(name)}
                value={credentials[name] ?? ''}
                onChange={(e) => setCredentials({ ...credentials, [name]: e.target.value })}
              />
            </label>
          ))}
        </div>
      </fieldset>
      <label>
        {texts.form.statusMap}
        <textarea name="statusMap" rows={3} value={fields.statusMap} onChange={(e) => setFields({ ...fields, statusMap: e.target.value })} />
      </label>
      <ProblemNote error={save.error ?? platforms.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {integration ? texts.common.save : texts.form.connect}
        </button>
        <button type="button" onClick={onDone}>
          {texts.common.cancel}
        </button>
      </div>
    </form>
  );
}
