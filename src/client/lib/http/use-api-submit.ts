import { useState } from 'react';
import { useErrorText } from './use-error-text';

/**
 * The busy flag and the failure sentence of a form that saves through the API. What was typed
 * is the form's own state and is left alone, so a refusal never loses it.
 */
export function useApiSubmit() {
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  /** Runs the save; on failure says why and returns the error (for its field errors). */
  async function run(save: () => Promise<void>): Promise<unknown> {
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
