import { useState, type FormEvent } from 'react';
import { api, must, type Schemas } from '../api/client';
import { useTexts } from '../i18n/texts';
import { ProblemNote } from '../ui/ProblemNote';
import { LanguagePicker } from '../ui/LanguagePicker';

/** The access token is sent once, in exchange for the HttpOnly session cookie; the page never keeps it. */
export function SignInScreen({ ended, onSignedIn }: { ended: boolean; onSignedIn(session: Schemas['ConsoleSession']): void }) {
  const texts = useTexts();
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      onSignedIn(await must(api.POST('/console/session', { body: { token } })));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <main className="sign-in" id="content">
      <form onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{texts.appName}</h1>
        <h2>{texts.signIn.title}</h2>
        {ended && <p role="status">{texts.signIn.ended}</p>}
        <p>{texts.signIn.lead}</p>
        <label>
          {texts.signIn.token}
          <input type="password" name="token" autoComplete="off" required autoFocus value={token} onChange={(e) => setToken(e.target.value)} />
        </label>
        <ProblemNote error={error} />
        <div className="row">
          <button type="submit" className="primary">
            {texts.signIn.submit}
          </button>
          <LanguagePicker />
        </div>
      </form>
    </main>
  );
}
