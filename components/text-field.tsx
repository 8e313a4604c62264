// A labelled text input with its error message wired up for screen readers.

export function TextField(props: {
  /** Also the input's name and the key of its error in the API's field errors. */
  id: "firstName" | "lastName" | "email" | "phone";
  label: string;
  value: string;
  onChange: (v: string) => void;
  type?: string;
  autoComplete?: string;
  error?: string;
}) {
  const inputId = `guest-${props.id}`;
  const errorId = `${inputId}-error`;
  return (
    <div className="field">
      <label htmlFor={inputId}>{props.label}</label>
      <input
        id={inputId}
        name={props.id}
        type={props.type ?? "text"}
        autoComplete={props.autoComplete}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
        required={props.id !== "phone"}
        maxLength={props.id === "email" ? 254 : props.id === "phone" ? 32 : 100}
      />
      {props.error && (
        <p id={errorId} className="field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}
