import { useTranslation } from 'react-i18next';

/** The message of a validation key ('validation.futureDate'), in the officer's language. */
export function useValidationMessage(): (key: string | undefined) => string {
  const { t } = useTranslation();
  return (key) => (key ? t(key.startsWith('validation.') ? key : 'validation.invalidValue') : '');
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  const text = useValidationMessage()(message);
  if (!message) return null;
  return (
    <p id={id} className="field__error">
      {text}
    </p>
  );
}
