import { useEffect, useRef, useState } from 'react';
import { revealField } from './reveal-field';

/**
 * After a refused submit, the first field in error comes into view and takes focus, as in the
 * activity form: otherwise focus stays on the submit button and the officer hunts for the
 * message (a screen reader hears nothing). Call `revealFirstError()` once the errors are set; the
 * field is looked for after React has drawn them (`aria-invalid` on the box).
 */
export function useRevealFirstError<T extends HTMLElement = HTMLFormElement>() {
  const formRef = useRef<T>(null);
  const [request, setRequest] = useState(0);
  useEffect(() => {
    if (request === 0) return;
    const field = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field) revealField(field);
  }, [request]);
  return { formRef, revealFirstError: () => setRequest((n) => n + 1) };
}
