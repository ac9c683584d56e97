import { useEffect, useRef, useState } from 'react';
import { useErrorText } from './use-error-text';

/**
 * The busy flag and the failure sentence of a form that saves through the API. What was typed
 * is the form's own state and is left alone, so a refusal never loses it.
 */
export function useApiSubmit() {
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // The submit button is disabled while saving and the browser drops focus from a disabled
  // button: it gets focus back when the save is over, unless something else has taken it (the
  // first field in error, a card that appeared).
  const pressed = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const element = pressed.current;
    if (busy || !element) return;
    pressed.current = null;
    if (element.isConnected && document.activeElement === document.body) element.focus();
  }, [busy]);

  /** Runs the save; on failure says why and returns the error (for its field errors). */
  async function run(save: () => Promise<void>): Promise<unknown> {
    pressed.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setFailure(null);
    setBusy(true);
    try {
      await save();
      return undefined;
    } catch (error) {
      setFailure(errorText(error));
      return error ?? new Error('save failed');
    } finally {
      setBusy(false);
    }
  }

  return { busy, failure, setFailure, run };
}
