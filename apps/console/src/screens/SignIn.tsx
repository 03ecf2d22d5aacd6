import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.ts';
import { useSession } from '../auth/session.tsx';
import { LanguageSwitcher } from '../components/LanguageSwitcher.tsx';
import { describeError, type ErrorMessage } from '../errors.ts';

type Field = 'email' | 'password';
type FieldErrorKey =
  'signIn.emailRequired' | 'signIn.emailInvalid' | 'signIn.passwordRequired' | 'signIn.passwordInvalid';
type FieldErrors = Partial<Record<Field, FieldErrorKey>>;

const SERVER_FIELD_KEYS: Record<Field, FieldErrorKey> = {
  email: 'signIn.emailInvalid',
  password: 'signIn.passwordInvalid',
};

/** The sign-in page. Errors are kept as catalogue keys so switching language re-translates them. */
export const SignIn = () => {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<ErrorMessage | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const focusFirst = (errors: FieldErrors) => {
    if (errors.email) emailRef.current?.focus();
    else if (errors.password) passwordRef.current?.focus();
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const trimmed = email.trim();
    const missing: FieldErrors = {
      ...(trimmed === '' ? { email: 'signIn.emailRequired' as const } : {}),
      ...(password === '' ? { password: 'signIn.passwordRequired' as const } : {}),
    };
    setFormError(null);
    setFieldErrors(missing);
    if (missing.email || missing.password) {
      focusFirst(missing);
      return;
    }

    setPending(true);
    try {
      await signIn({ email: trimmed, password });
      // Signed in: this screen is replaced by the console.
    } catch (error) {
      setPending(false);
      const fromServer: FieldErrors = {};
      if (error instanceof ApiError && error.code === 'validation_failed') {
        for (const field of ['email', 'password'] as const) {
          if (error.detailsFor(field).length > 0) fromServer[field] = SERVER_FIELD_KEYS[field];
        }
      }
      setFieldErrors(fromServer);
      setFormError(describeError(error));
      if (fromServer.email || fromServer.password) focusFirst(fromServer);
      else if (error instanceof ApiError && error.code === 'invalid_credentials') {
        // Most often the password was mistyped: put the cursor there, ready to retype.
        passwordRef.current?.focus();
        passwordRef.current?.select();
      }
    }
  };

  const describedBy = (field: Field) => (fieldErrors[field] ? `${field}-error` : undefined);

  return (
    <div className="signin-page">
      <header className="signin-top">
        <LanguageSwitcher />
      </header>
      <main id="main" className="signin-card">
        <p className="brand brand-large">Redress</p>
        <p className="tagline">{t('app.tagline')}</p>
        <h1>{t('signIn.title')}</h1>
        <form noValidate onSubmit={(event) => void onSubmit(event)} aria-busy={pending}>
          {formError && (
            <div className="alert" role="alert">
              {t(formError.key, formError.values)}
            </div>
          )}
          <div className={`field${fieldErrors.email ? ' field-invalid' : ''}`}>
            <label htmlFor="email">{t('signIn.email')}</label>
            <input
              ref={emailRef}
              id="email"
              name="email"
              type="email"
              inputMode="email"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-invalid={fieldErrors.email ? true : undefined}
              aria-describedby={describedBy('email')}
            />
            {fieldErrors.email && (
              <p id="email-error" className="field-error">
                {t(fieldErrors.email)}
              </p>
            )}
          </div>
          <div className={`field${fieldErrors.password ? ' field-invalid' : ''}`}>
            <label htmlFor="password">{t('signIn.password')}</label>
            <input
              ref={passwordRef}
              id="password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={fieldErrors.password ? true : undefined}
              aria-describedby={describedBy('password')}
            />
            {fieldErrors.password && (
              <p id="password-error" className="field-error">
                {t(fieldErrors.password)}
              </p>
            )}
          </div>
          <button type="submit" className="button-primary" disabled={pending}>
            {pending ? t('signIn.submitting') : t('signIn.submit')}
          </button>
        </form>
      </main>
    </div>
  );
};
