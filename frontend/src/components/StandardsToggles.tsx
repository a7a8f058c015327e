/** Teachers' Standards 1–8 as large toggle buttons (aria-pressed), under one legend: quick to tap on a phone. */
import { STANDARDS, toggleStandard } from "../lib/observations";
import { Fieldset } from "./forms";

export function StandardsToggles({
  id,
  legend,
  hint,
  error,
  value,
  onChange,
}: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  value: number[];
  onChange: (standards: number[]) => void;
}) {
  return (
    <Fieldset id={id} legend={legend} hint={hint} error={error}>
      <div className="toggles">
        {Object.entries(STANDARDS).map(([key, label]) => {
          const standard = Number(key);
          const pressed = value.includes(standard);
          return (
            <button
              key={key}
              type="button"
              className="toggle"
              aria-pressed={pressed}
              onClick={() => onChange(toggleStandard(value, standard))}
            >
              <span className="toggle__number">TS{standard}</span> <span className="toggle__label">{label}</span>
            </button>
          );
        })}
      </div>
    </Fieldset>
  );
}
