import { useId, type ComponentPropsWithRef } from "react";
import { fieldClassName } from "@/components/form/field-styles";
import { FieldError } from "@/components/form/text-field";

export interface SelectFieldProps extends ComponentPropsWithRef<"select"> {
  label: string;
  options: readonly { value: string; label: string }[];
  error?: string;
}

/** A labelled select whose error is read with it, like TextField. */
export function SelectField({ label, options, error, id, ...select }: SelectFieldProps) {
  const generatedId = useId();
  const selectId = id ?? generatedId;
  const errorId = `${selectId}-error`;
  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={selectId} className="font-semibold">
        {label}
      </label>
      <select
        id={selectId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={fieldClassName}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error ? <FieldError id={errorId} message={error} /> : null}
    </div>
  );
}
