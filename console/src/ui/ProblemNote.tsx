import { ApiProblem } from '../api/client';
import { useTexts } from '../i18n/texts';

/** What went wrong, as the API said it: its detail and every invalid field. */
export function ProblemNote({ error }: { error: unknown }) {
  const texts = useTexts();
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error.problem : undefined;
  return (
    <div className="problem" role="alert">
      <strong>{texts.common.error}:</strong> {error instanceof Error ? error.message : String(error)}
      {problem?.errors?.length ? (
        <ul>
          {problem.errors.map((e) => (
            <li key={`${e.field}:${e.reason}`}>
              <code>{e.field}</code> {e.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
