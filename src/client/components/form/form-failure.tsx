/** Why a form's save failed, in the error style, read out by screen readers; nothing when it did not. */
export function FormFailure({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="notice notice--error">
      {message}
    </p>
  );
}
