import type { Step } from "../api/types.js";
import { type RangePreset, rangePresets, stepsFor } from "../lib/range.js";

interface Props {
  preset: RangePreset;
  step: Step;
  onChange: (preset: RangePreset, step: Step) => void;
}

/** Range (15 min .. 7 days) and bucket step; a new range picks its default step. */
export function RangePicker({ preset, step, onChange }: Props) {
  return (
    <div className="range-picker">
      <fieldset className="segmented" aria-label="time range">
        {rangePresets.map((p) => (
          <button
            key={p.id}
            type="button"
            aria-pressed={p.id === preset.id}
            data-testid={`range-${p.id}`}
            onClick={() => onChange(p, p.defaultStep)}
          >
            {p.label}
          </button>
        ))}
      </fieldset>
      <label className="step">
        step{" "}
        <select
          value={step}
          data-testid="step"
          onChange={(event) => onChange(preset, event.target.value as Step)}
        >
          {stepsFor(preset).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
